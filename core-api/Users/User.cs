namespace BffPlatform.CoreApi.Users;

/// <summary>
/// core-api's record of a person, keyed by the identity provider's subject. The provider owns
/// e-mail, name and role; this row mirrors the latest token so lists and orders can name people.
/// </summary>
public sealed class User
{
    public required string Id { get; set; }
    public string? Email { get; set; }
    public string? Name { get; set; }
    public required string Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}
