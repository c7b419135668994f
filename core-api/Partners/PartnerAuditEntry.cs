namespace BffPlatform.CoreApi.Partners;

/// <summary>Who (staff subject and name) did what to which partner or key, when. Written in the change's own transaction.</summary>
public sealed class PartnerAuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public string? ActorName { get; set; }
    /// <summary>One of <see cref="Contracts.Partners.PartnerAuditActions"/>.</summary>
    public required string Action { get; set; }
    public Guid? PartnerId { get; set; }
    public Guid? KeyId { get; set; }
    public required string Summary { get; set; }
}
