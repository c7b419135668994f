namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// A server-side session. The browser's cookie carries only <see cref="Key"/>; the tokens live
/// in <see cref="Ticket"/>, encrypted with Data Protection.
/// </summary>
public sealed class UserSession
{
    /// <summary>Secret session key, the value inside the cookie. Never shown in an API.</summary>
    public required string Key { get; set; }

    /// <summary>Public id, used by the "my sessions" API.</summary>
    public required string Id { get; set; }

    /// <summary>The user's <c>sub</c>.</summary>
    public required string Subject { get; set; }

    /// <summary>The identity provider's session id (<c>sid</c>), which back-channel logout names.</summary>
    public string? SessionId { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }

    /// <summary>When the session ends unless used again: the sliding expiry capped by the absolute lifetime.</summary>
    public DateTime ExpiresAt { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>The protected, serialized authentication ticket (claims and tokens).</summary>
    public required byte[] Ticket { get; set; }
}
