namespace BffPlatform.CoreApi.Partners;

/// <summary>A partner organisation: what public-api's keys belong to. <see cref="Plan"/> names a plan of public-api's configuration.</summary>
public sealed class Partner
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Plan { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
