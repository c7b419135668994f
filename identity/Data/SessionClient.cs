namespace BffPlatform.Identity.Data;

/// <summary>
/// One client that signed in under one identity session (<c>sid</c>). Back-channel logout reads
/// these to know whom to tell when the session ends.
/// </summary>
public sealed class SessionClient
{
    public long Id { get; set; }
    public string SessionId { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string Subject { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
