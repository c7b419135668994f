namespace BffPlatform.BffWeb.Authentication;

public static class AuthSchemes
{
    public const string Cookie = "cookie";
    public const string Oidc = "oidc";

    /// <summary>HttpClient used for the token and revocation endpoints.</summary>
    public const string OidcBackchannelClient = "bff-oidc";
}
