namespace BffPlatform.Testing.Processes;

/// <summary>
/// bff-mobile among real processes, started the way run.sh starts it, against the identity and
/// core-api of <see cref="LocalServices"/> (identity's appsettings register mobile-app with the
/// custom-scheme and loopback redirects, and bff-mobile's client). Shared by BffMobile.Tests and EndToEnd.Tests.
/// </summary>
public static class BffMobileProcess
{
    public const string CustomSchemeRedirect = "com.bffplatform.mobile:/callback";

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
