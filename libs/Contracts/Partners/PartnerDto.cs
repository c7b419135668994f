namespace BffPlatform.Contracts.Partners;

/// <summary>A partner organisation. <see cref="Plan"/> names a plan defined in public-api's configuration.</summary>
public sealed record PartnerDto(Guid Id, string Name, string Plan, bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record CreatePartnerRequest(string Name, string Plan);

public sealed record UpdatePartnerRequest(string Name, string Plan, bool Active);

/// <summary>
/// An API key as staff see it: never its secret, only the display prefix (e.g. <c>bp_live_3fK9q2Lm</c>).
/// <see cref="ExpiresAt"/> is set for a rolled key's overlap or an explicit expiry.
/// </summary>
public sealed record ApiKeyDto(
    Guid Id,
    Guid PartnerId,
    string Name,
    string Kind,
    string DisplayPrefix,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedOn);

/// <summary><see cref="Kind"/> is one of <see cref="ApiKeyKinds"/>; publishable keys may hold <c>catalog:read</c> only.</summary>
public sealed record IssueApiKeyRequest(string Name, string Kind, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt = null);

/// <summary>The old key keeps working for <see cref="OverlapHours"/> (0 = stops now).</summary>
public sealed record RollApiKeyRequest(int OverlapHours);

/// <summary>A new key with its secret: the only answer that ever carries it.</summary>
public sealed record IssuedApiKeyDto(ApiKeyDto Key, string Secret);

/// <summary>public-api asks core-api whether a key (already checked offline for format and checksum) is valid.</summary>
public sealed record VerifyApiKeyRequest(string Key);

/// <summary>What a valid key proves. <see cref="Environment"/> is <c>live</c> or <c>test</c> (publishable keys are live).</summary>
public sealed record ApiKeyVerificationDto(
    Guid KeyId,
    Guid PartnerId,
    string PartnerName,
    string Plan,
    string Kind,
    string Environment,
    IReadOnlyList<string> Scopes,
    DateTimeOffset? ExpiresAt);

/// <summary>
/// One reporter's absolute counts for a key and a UTC day. Reporting the same (reporter, key, day)
/// again replaces the earlier figures, so a retried report never counts twice; a day's usage is
/// the sum over reporters.
/// </summary>
public sealed record UsageCountDto(Guid KeyId, DateOnly Day, long Requests, long Rejected);

public sealed record UsageReportRequest(string Reporter, IReadOnlyList<UsageCountDto> Counts);

public sealed record UsageDayDto(Guid KeyId, DateOnly Day, long Requests, long Rejected);

/// <summary>Who did what to which partner or key, when. <see cref="Actor"/> is the staff user's id.</summary>
public sealed record PartnerAuditEntryDto(
    long Id,
    DateTimeOffset At,
    string Actor,
    string? ActorName,
    string Action,
    Guid? PartnerId,
    Guid? KeyId,
    string Summary);

/// <summary>Audit actions, stable strings.</summary>
public static class PartnerAuditActions
{
    public const string PartnerCreated = "partner.created";
    public const string PartnerUpdated = "partner.updated";
    public const string KeyIssued = "key.issued";
    public const string KeyRolled = "key.rolled";
    public const string KeyRevoked = "key.revoked";
}
