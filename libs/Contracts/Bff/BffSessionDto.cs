namespace BffPlatform.Contracts.Bff;

/// <summary>One of the signed-in user's sessions in bff-web (a browser or device).</summary>
/// <param name="Id">Public id of the session (not the cookie's value).</param>
/// <param name="Current">True for the session that made this request.</param>
public sealed record BffSessionDto(
    string Id,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset LastSeenAt,
    string? UserAgent,
    bool Current);

/// <summary>Answer of <c>POST /api/sessions/end-others</c>.</summary>
public sealed record EndOtherSessionsResult(int Ended);
