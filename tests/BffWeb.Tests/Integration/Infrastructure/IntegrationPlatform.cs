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
    private readonly LocalServices _services = new(
        RepoPaths.Root,
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "integration-output")).FullName,
        configuration: new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name);

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

        try
        {
            var identity = _services.StartIdentity(identityPort, CoreApiUrl, [$"http://127.0.0.1:{bffPort}", $"http://127.0.0.1:{bffDownPort}"]);
            var core = _services.StartCoreApi(corePort, IdentityUrl);
            await Task.WhenAll(
                identity.WaitUntilReadyAsync("/.well-known/openid-configuration", TimeSpan.FromSeconds(120)),
                core.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(120)));

            Bff = new LiveBffWeb(bffPort, IdentityUrl, CoreApiUrl, _services.Data("bff-web"));
            BffWithCoreDown = new LiveBffWeb(bffDownPort, IdentityUrl, $"http://127.0.0.1:{deadPort}", _services.Data("bff-web-core-down"));
            Bff.Start();
            BffWithCoreDown.Start();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>identity's and core-api's recent output, for a failing test's message.</summary>
    public string ServiceLogs() => _services.Logs(40);

    public async Task DisposeAsync()
    {
        if (Bff is not null) await Bff.DisposeAsync();
        if (BffWithCoreDown is not null) await BffWithCoreDown.DisposeAsync();
        await _services.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<IntegrationPlatform>
{
    public const string Name = "integration";
}
