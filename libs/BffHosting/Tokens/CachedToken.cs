namespace BffPlatform.BffHosting.Tokens;

/// <summary>An access token and the moment it stops being handed out (shortly before it expires).</summary>
internal sealed record CachedToken(string Value, DateTimeOffset UseUntil)
{
    public bool IsFresh(TimeProvider time) => time.GetUtcNow() < UseUntil;

    public static CachedToken Of(string value, int expiresInSeconds, TimeSpan refreshBeforeExpiry, TimeProvider time) =>
        new(value, time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(0, expiresInSeconds)) - refreshBeforeExpiry);
}
