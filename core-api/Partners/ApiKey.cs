namespace BffPlatform.CoreApi.Partners;

/// <summary>
/// One API key of a partner. The secret itself is never stored: only its SHA-256
/// (<see cref="Hash"/>) and the display prefix it is looked up by (unique).
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public Guid PartnerId { get; set; }
    public required string Name { get; set; }
    /// <summary>One of <see cref="Contracts.Partners.ApiKeyKinds"/>.</summary>
    public required string Kind { get; set; }
    public required string DisplayPrefix { get; set; }
    public required byte[] Hash { get; set; }
    /// <summary>Space-separated <see cref="Contracts.Partners.PartnerScopes"/>.</summary>
    public required string Scopes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>An explicit expiry, or the end of a rolled key's overlap.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>When a successor was issued for it: a key is rolled once (roll the successor next).</summary>
    public DateTimeOffset? RolledAt { get; set; }
    /// <summary>The latest UTC day (at midnight) public-api reported requests for.</summary>
    public DateTimeOffset? LastUsedOn { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
