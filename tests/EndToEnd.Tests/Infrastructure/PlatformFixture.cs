using BffPlatform.Testing.Processes;

namespace BffPlatform.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The whole platform as real processes on free loopback ports (identity, core-api, bff-web
/// serving the built SPA), each with its own temporary data folder, plus one headless Chromium.
/// Shared by every test of the collection; torn down (processes killed) at the end.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private readonly LocalServices _services = new(RepoPaths.Root, E2eOutput.Directory);

    public string IdentityUrl { get; private set; } = "";
    public string CoreApiUrl { get; private set; } = "";
    public string BffUrl { get; private set; } = "";
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

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

        try
        {
            // Appended after the three demo users of appsettings.Development.json (indexes 0-2).
            var testUsers = new Dictionary<string, string>();
            for (var i = 0; i < DemoUsers.TestOnly.Count; i++)
            {
                var user = DemoUsers.TestOnly[i];
                var prefix = $"Identity:DemoUsers:{i + 3}:";
                testUsers[prefix + "Email"] = user.Email;
                testUsers[prefix + "Password"] = user.Password;
                testUsers[prefix + "Name"] = user.Name;
                testUsers[prefix + "Role"] = "customer";
            }
            var identity = _services.StartIdentity(identityPort, CoreApiUrl, [BffUrl], testUsers);
            var core = _services.StartCoreApi(corePort, IdentityUrl);
            await Task.WhenAll(
                identity.WaitUntilReadyAsync("/.well-known/openid-configuration", TimeSpan.FromSeconds(120)),
                core.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(120)));

            var bff = _services.Start("bff-web", "bff-web", "BffPlatform.BffWeb", bffPort, new Dictionary<string, string>
            {
                ["Oidc:Authority"] = IdentityUrl + "/",
                ["CoreApi:BaseAddress"] = CoreApiUrl + "/",
                ["Data:Directory"] = _services.Data("bff-web"),
                ["Spa:RootPath"] = RepoPaths.SpaDist,
            });
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

    /// <summary>Every service's recent output, for a failing test's message.</summary>
    public string ServiceLogs() => _services.Logs();

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        Playwright?.Dispose();
        await _services.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
