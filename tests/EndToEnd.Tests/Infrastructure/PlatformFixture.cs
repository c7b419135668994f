using BffPlatform.Testing.Processes;

namespace BffPlatform.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The whole platform as real processes on free loopback ports (identity, core-api, bff-web
/// serving the built SPA), each with its own temporary data folder, plus one headless Chromium.
/// Shared by every test of the collection; torn down (processes killed) at the end.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private readonly List<ServiceProcess> _services = [];
    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), "bffplatform-e2e-" + Guid.NewGuid().ToString("N")[..12]);

    public string IdentityUrl { get; private set; } = "";
    public string CoreApiUrl { get; private set; } = "";
    public string BffUrl { get; private set; } = "";
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public IReadOnlyList<ServiceProcess> Services => _services;

    public const string ChromiumPath = "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(RepoPaths.SpaDist, "index.html")))
        {
            throw new InvalidOperationException($"The SPA is not built ({RepoPaths.SpaDist}): run 'npm ci && npm run build' in clients/react-web.");
        }
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (./test.sh does it).");
        }

        int identityPort = FreePort.Next(), corePort = FreePort.Next(), bffPort = FreePort.Next();
        IdentityUrl = $"http://127.0.0.1:{identityPort}";
        CoreApiUrl = $"http://127.0.0.1:{corePort}";
        BffUrl = $"http://127.0.0.1:{bffPort}";
        Directory.CreateDirectory(_dataRoot);

        try
        {
            var identitySettings = new Dictionary<string, string>
            {
                ["Identity:Issuer"] = IdentityUrl + "/",
                ["ConnectionStrings:Identity"] = $"Data Source={Data("identity", "identity.db")}",
                ["Identity:Keys:Directory"] = Data("identity", "keys"),
                ["Identity:Clients:bff-web:RedirectUris:0"] = BffUrl + "/signin-oidc",
                ["Identity:Clients:bff-web:PostLogoutRedirectUris:0"] = BffUrl + "/signout-callback-oidc",
                ["Identity:Clients:bff-web:PostLogoutRedirectUris:1"] = BffUrl + "/",
                ["Identity:Clients:bff-web:BackChannelLogoutUri"] = BffUrl + "/bff/backchannel",
                ["Identity:TokenEndpointCorsOrigins:0"] = CoreApiUrl,
                // Every test signs in through the real page: don't let the sign-in throttle refuse them.
                ["Identity:SignIn:ThrottlePermitLimit"] = "1000",
            };
            // Appended after the three demo users of appsettings.Development.json (indexes 0-2).
            for (var i = 0; i < DemoUsers.TestOnly.Count; i++)
            {
                var user = DemoUsers.TestOnly[i];
                var prefix = $"Identity:DemoUsers:{i + 3}:";
                identitySettings[prefix + "Email"] = user.Email;
                identitySettings[prefix + "Password"] = user.Password;
                identitySettings[prefix + "Name"] = user.Name;
                identitySettings[prefix + "Role"] = "customer";
            }
            var identity = ServiceProcess.Start(RepoPaths.Root, RepoPaths.Output, "identity", "identity", "BffPlatform.Identity", identityPort, identitySettings);
            _services.Add(identity);
            await identity.WaitUntilReadyAsync("/.well-known/openid-configuration", TimeSpan.FromSeconds(120));

            var core = ServiceProcess.Start(RepoPaths.Root, RepoPaths.Output, "core-api", "core-api", "BffPlatform.CoreApi", corePort, new Dictionary<string, string>
            {
                ["ConnectionStrings:Core"] = $"Data Source={Data("core-api", "core.db")}",
                ["Authentication:Jwt:Authority"] = IdentityUrl + "/",
                ["Database:SeedDemoData"] = "true",
            });
            _services.Add(core);
            await core.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(120));

            var bff = ServiceProcess.Start(RepoPaths.Root, RepoPaths.Output, "bff-web", "bff-web", "BffPlatform.BffWeb", bffPort, new Dictionary<string, string>
            {
                ["Oidc:Authority"] = IdentityUrl + "/",
                ["CoreApi:BaseAddress"] = CoreApiUrl + "/",
                ["Data:Directory"] = Data("bff-web"),
                ["Spa:RootPath"] = RepoPaths.SpaDist,
            });
            _services.Add(bff);
            await bff.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(120));

            Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
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

    /// <summary>Every service's recent output, for a failing test's message.</summary>
    public string ServiceLogs() => string.Join("\n", _services.Select(s => s.Tail()));

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        Playwright?.Dispose();
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
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
