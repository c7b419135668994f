namespace BffPlatform.Testing.Processes;

/// <summary>
/// Real services as processes with throw-away data under one temporary folder, configured alike
/// for every test project that runs them (EndToEnd.Tests and BffWeb.Tests' integration tests):
/// identity registers the bff-web instances under test, core-api trusts that identity and
/// serves the demo catalog. Disposing stops them (last started first) and removes the data.
/// </summary>
public sealed class LocalServices(string repositoryRoot, string logDirectory, string configuration = "Release") : IAsyncDisposable
{
    private readonly List<ServiceProcess> _services = [];
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("bffplatform-test-").FullName;

    /// <summary>A path under the data folder; its directory (or itself, without an extension) is created.</summary>
    public string Data(params string[] parts)
    {
        var path = Path.Combine([_dataRoot, .. parts]);
        Directory.CreateDirectory(parts[^1].Contains('.', StringComparison.Ordinal) ? Path.GetDirectoryName(path)! : path);
        return path;
    }

    public ServiceProcess Start(string name, string projectFolder, string assembly, int port, IReadOnlyDictionary<string, string> settings)
    {
        var service = ServiceProcess.Start(repositoryRoot, logDirectory, name, projectFolder, assembly, port, settings, configuration);
        _services.Add(service);
        return service;
    }

    /// <summary>
    /// identity with bff-web's redirect URI at every one of <paramref name="bffUrls"/>; the first is
    /// the one signed out to (post-logout URIs) and told of sign-outs (back-channel logout).
    /// </summary>
    public ServiceProcess StartIdentity(int port, string coreApiUrl, IReadOnlyList<string> bffUrls, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var url = $"http://127.0.0.1:{port}";
        var settings = new Dictionary<string, string>
        {
            ["Identity:Issuer"] = url + "/",
            ["ConnectionStrings:Identity"] = $"Data Source={Data("identity", "identity.db")}",
            ["Identity:Keys:Directory"] = Data("identity", "keys"),
            // Its Data Protection key ring too stays in the throw-away folder.
            ["Data:Directory"] = Data("identity"),
            ["Identity:Clients:bff-web:PostLogoutRedirectUris:0"] = bffUrls[0] + "/signout-callback-oidc",
            ["Identity:Clients:bff-web:PostLogoutRedirectUris:1"] = bffUrls[0] + "/",
            ["Identity:Clients:bff-web:BackChannelLogoutUri"] = bffUrls[0] + "/bff/backchannel",
            ["Identity:TokenEndpointCorsOrigins:0"] = coreApiUrl,
            ["Identity:Clients:core-api-swagger:RedirectUris:0"] = coreApiUrl + "/api/docs/oauth2-redirect.html",
            // Every test signs in through the real page: the sign-in throttle must not refuse them.
            ["Identity:SignIn:ThrottlePermitLimit"] = "1000",
        };
        for (var i = 0; i < bffUrls.Count; i++)
        {
            settings[$"Identity:Clients:bff-web:RedirectUris:{i}"] = bffUrls[i] + "/signin-oidc";
        }
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }
        return Start("identity", "identity", "BffPlatform.Identity", port, settings);
    }

    /// <summary>core-api with the demo catalog, trusting tokens of the identity at <paramref name="identityUrl"/>.</summary>
    public ServiceProcess StartCoreApi(int port, string identityUrl, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Core"] = $"Data Source={Data("core-api", "core.db")}",
            ["Authentication:Jwt:Authority"] = identityUrl + "/",
            ["Database:SeedDemoData"] = "true",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }
        return Start("core-api", "core-api", "BffPlatform.CoreApi", port, settings);
    }

    /// <summary>Every service's recent output, for a failing test's message.</summary>
    public string Logs(int lines = 80) => string.Join("\n", _services.Select(s => s.Tail(lines)));

    public async ValueTask DisposeAsync()
    {
        for (var i = _services.Count - 1; i >= 0; i--)
        {
            await _services[i].DisposeAsync();
        }
        _services.Clear();
        try
        {
            Directory.Delete(_dataRoot, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process; the temp folder is cleaned by the OS.
        }
    }
}
