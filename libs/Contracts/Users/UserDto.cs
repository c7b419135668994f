namespace BffPlatform.Contracts.Users;

/// <summary>
/// core-api's record of a user, keyed by the identity provider's subject and refreshed from
/// the token's claims on each call.
/// </summary>
public sealed record UserDto(
    string Id,
    string? Email,
    string? Name,
    string Role,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt);

public static class Roles
{
    public const string Customer = "customer";
    public const string Staff = "staff";
}
