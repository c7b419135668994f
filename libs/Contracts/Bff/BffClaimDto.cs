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
}
