using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.Testing.Processes;

namespace BffPlatform.BffWeb.Tests.Integration.Infrastructure;

/// <summary>
/// The real identity and core-api as processes (from their Release/Debug build output) on free
/// loopback ports, and two bff-web instances in this process on Kestrel (so identity's
/// back-channel logout reaches them): one wired to core-api, one to a port where nothing listens.
/// Shared by every test of the collection.
/// </summary>
public sealed class IntegrationPlatform : IAsyncLifetime
{
    private readonly List<ServiceProcess> _services = [];
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("bffweb-integration-").FullName;

    public string IdentityUrl { get; private set; } = "";
    public string CoreApiUrl { get; private set; } = "";
    public LiveBffWeb Bff { get; private set; } = null!;

    /// <summary>bff-web whose core-api is down (connection refused).</summary>
    public LiveBffWeb BffWithCoreDown { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        int identityPort = FreePort.Next(), corePort = FreePort.Next(), bffPort = FreePort.Next(), bffDownPort = FreePort.Next(), deadPort = FreePort.Next();
        IdentityUrl = $"http://127.0.0.1:{identityPort}";
        CoreApiUrl = $"http://127.0.0.1:{corePort}";
        var bffUrl = $"http://127.0.0.1:{bffPort}";
        var bffDownUrl = $"http://127.0.0.1:{bffDownPort}";
        var logs = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "integration-output")).FullName;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

        try
        {
            var identity = ServiceProcess.Start(RepositoryPaths.Root, logs, "identity", "identity", "BffPlatform.Identity", identityPort, new Dictionary<string, string>
            {
                ["Identity:Issuer"] = IdentityUrl + "/",
                ["ConnectionStrings:Identity"] = $"Data Source={Data("identity", "identity.db")}",
                ["Identity:Keys:Directory"] = Data("identity", "keys"),
                ["Identity:Clients:bff-web:RedirectUris:0"] = bffUrl + "/signin-oidc",
                ["Identity:Clients:bff-web:RedirectUris:1"] = bffDownUrl + "/signin-oidc",
                ["Identity:Clients:bff-web:PostLogoutRedirectUris:0"] = bffUrl + "/signout-callback-oidc",
                ["Identity:Clients:bff-web:PostLogoutRedirectUris:1"] = bffUrl + "/",
                ["Identity:Clients:bff-web:BackChannelLogoutUri"] = bffUrl + "/bff/backchannel",
                ["Identity:TokenEndpointCorsOrigins:0"] = CoreApiUrl,
                // Every test signs in through the real page: the sign-in throttle must not refuse them.
                ["Identity:SignIn:ThrottlePermitLimit"] = "1000",
            }, configuration);
            _services.Add(identity);
            var core = ServiceProcess.Start(RepositoryPaths.Root, logs, "core-api", "core-api", "BffPlatform.CoreApi", corePort, new Dictionary<string, string>
            {
                ["ConnectionStrings:Core"] = $"Data Source={Data("core-api", "core.db")}",
                ["Authentication:Jwt:Authority"] = IdentityUrl + "/",
                ["Database:SeedDemoData"] = "true",
            }, configuration);
            _services.Add(core);
            await Task.WhenAll(
                identity.WaitUntilReadyAsync("/.well-known/openid-configuration", TimeSpan.FromSeconds(120)),
                core.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(120)));

            Bff = new LiveBffWeb(bffPort, IdentityUrl, CoreApiUrl, Data("bff-web"));
            BffWithCoreDown = new LiveBffWeb(bffDownPort, IdentityUrl, $"http://127.0.0.1:{deadPort}", Data("bff-web-core-down"));
            Bff.Start();
            BffWithCoreDown.Start();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private string Data(params string[] parts)
    {
        var path = Path.Combine([_dataRoot, .. parts]);
        Directory.CreateDirectory(parts[^1].Contains('.', StringComparison.Ordinal) ? Path.GetDirectoryName(path)! : path);
        return path;
    }

    /// <summary>identity's and core-api's recent output, for a failing test's message.</summary>
    public string ServiceLogs() => string.Join("\n", _services.Select(s => s.Tail(40)));

    public async Task DisposeAsync()
    {
        if (Bff is not null) await Bff.DisposeAsync();
        if (BffWithCoreDown is not null) await BffWithCoreDown.DisposeAsync();
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

[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<IntegrationPlatform>
{
    public const string Name = "integration";
}
