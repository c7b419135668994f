namespace BffPlatform.Contracts.Bff;

/// <summary>
/// One claim of the signed-in user as <c>GET /bff/user</c> answers it (Duende.BFF's shape).
/// <see cref="Value"/> is a string, except <c>bff:session_expires_in</c>, which is a number of seconds.
/// </summary>
public sealed record BffClaimDto(string Type, object Value);

/// <summary>Claim types bff-web adds to the user's claims.</summary>
public static class BffClaimTypes
{
    /// <summary>The URL that signs this session out: <c>/bff/logout?sid=...</c>.</summary>
    public const string LogoutUrl = "bff:logout_url";

    /// <summary>Seconds until the session ends unless it is used (sliding) or reaches its absolute limit.</summary>
    public const string SessionExpiresIn = "bff:session_expires_in";

    /// <summary>
    /// The identity claims <c>/bff/user</c> shows the SPA: who is signed in, their roles, and the
    /// session id its logout URL carries anyway (Duende.BFF shows it too). Anything else in the
    /// session (the provider's internal ids such as <c>oi_au_id</c> and <c>oi_tkn_id</c>, auth
    /// times) stays on the server.
    /// </summary>
    public static readonly IReadOnlySet<string> Shown = new HashSet<string>(StringComparer.Ordinal) { "sub", "sid", "name", "email", "role" };
}
