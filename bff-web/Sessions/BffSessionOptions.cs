namespace BffPlatform.BffWeb.Sessions;

/// <summary>The session cookie and server-side session lifetimes. Bound from <c>Session</c>.</summary>
public sealed class BffSessionOptions
{
    public const string SectionName = "Session";

    /// <summary>Must start with <c>__Host-</c>: the browser then refuses it unless Secure, Path=/ and no Domain.</summary>
    public string CookieName { get; set; } = "__Host-bff";

    /// <summary>Only <c>Strict</c> is accepted: together with <c>X-CSRF</c> it keeps other sites out.</summary>
    public SameSiteMode SameSite { get; set; } = SameSiteMode.Strict;

    /// <summary>Must be <c>/</c> (a <c>__Host-</c> rule).</summary>
    public string Path { get; set; } = "/";

    /// <summary>Must stay empty (a <c>__Host-</c> rule).</summary>
    public string? Domain { get; set; }

    /// <summary>An idle session ends after this long; each use extends it.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A session ends this long after sign-in, however busy.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the expired-session cleanup runs.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Last-seen times are written at most this often per session (saves a write per request).</summary>
    public TimeSpan LastSeenResolution { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a session read stays in this instance's memory (zero turns the cache off). Writes
    /// through this instance evict at once; deletions made by another instance sharing the store
    /// are seen after at most this long.
    /// </summary>
    public TimeSpan ReadCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
