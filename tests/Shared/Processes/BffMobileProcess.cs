namespace BffPlatform.Testing.Processes;

/// <summary>
/// bff-mobile among real processes: what identity needs for it on top of <see cref="LocalServices.StartIdentity"/>
/// (the app's redirect URIs, bff-mobile's own client-credentials token) and bff-mobile itself started
/// the way run.sh starts it. Shared by BffMobile.Tests, EndToEnd.Tests and bench/bff-mobile.sh's settings.
/// </summary>
public static class BffMobileProcess
{
    public const string CustomSchemeRedirect = "com.bffplatform.mobile:/callback";

    /// <summary>
    /// identity's settings for bff-mobile: mobile-app's redirect URIs (<paramref name="loopbackRedirect"/>, RFC 8252
    /// loopback, when given) and bff-mobile's client with token exchange and a catalog.read client-credentials token.
    /// Set explicitly so the tests hold whatever identity's appsettings say.
    /// </summary>
    public static Dictionary<string, string> IdentitySettings(string? loopbackRedirect = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Identity:Clients:mobile-app:RedirectUris:0"] = CustomSchemeRedirect,
            ["Identity:Clients:bff-mobile:Grants:0"] = "token_exchange",
            ["Identity:Clients:bff-mobile:Grants:1"] = "client_credentials",
            ["Identity:Clients:bff-mobile:ClientCredentialsScopes:0"] = "catalog.read",
        };
        if (loopbackRedirect is not null) settings["Identity:Clients:mobile-app:RedirectUris:1"] = loopbackRedirect;
        return settings;
    }

    /// <summary>bff-mobile's settings against the given identity and core-api (the door's rate limits as configured unless overridden).</summary>
    public static Dictionary<string, string> Settings(string identityUrl, string coreApiUrl) => new()
    {
        ["Authentication:Jwt:Authority"] = identityUrl + "/",
        ["TokenClient:Authority"] = identityUrl + "/",
        ["CoreApi:BaseAddress"] = coreApiUrl + "/",
    };

    public static ServiceProcess StartBffMobile(this LocalServices services, int port, string identityUrl, string coreApiUrl,
        IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var settings = Settings(identityUrl, coreApiUrl);
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>()) settings[key] = value;
        return services.Start("bff-mobile", "bff-mobile", "BffPlatform.BffMobile", port, settings);
    }
}
