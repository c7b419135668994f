using BffPlatform.Testing.Processes;

namespace BffPlatform.Faults.Tests.Infrastructure;

/// <summary>
/// The whole platform as real processes on free loopback ports, on the embedded defaults (SQLite
/// files under one temporary folder): identity, core-api (demo catalog and demo partner), bff-web,
/// bff-mobile and public-api (webhooks on, loopback receivers allowed, quick retries). Every
/// service but identity can be killed and started again on its port with its data, so tests see
/// what a restart keeps. Tests of the collection run one after another and leave every process
/// running when they end.
/// </summary>
public sealed class FaultPlatform : IAsyncLifetime
{
    /// <summary>public-api's parallel webhook sends: at most this many are in flight when it is killed.</summary>
    public const int MaxConcurrentSends = 4;

    private readonly string _logs = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "fault-output")).FullName;
    private readonly string _configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
    private LocalServices _services = null!;

    public string IdentityUrl { get; private set; } = "";
    public string CoreDatabase { get; private set; } = "";
    public RestartableService CoreApi { get; private set; } = null!;
    public RestartableService BffWeb { get; private set; } = null!;
    public RestartableService BffMobile { get; private set; } = null!;
    public RestartableService PublicApi { get; private set; } = null!;

    public IEnumerable<RestartableService> Doors => [BffWeb, BffMobile, PublicApi];

    public async Task InitializeAsync()
    {
        _services = new LocalServices(RepoPaths.Root, _logs, _configuration);
        int identityPort = FreePort.Next(), corePort = FreePort.Next(), webPort = FreePort.Next(), mobilePort = FreePort.Next(), publicPort = FreePort.Next();
        IdentityUrl = $"http://127.0.0.1:{identityPort}";
        var coreUrl = $"http://127.0.0.1:{corePort}";
        var webUrl = $"http://127.0.0.1:{webPort}";
        CoreDatabase = _services.Data("core-api", "core.db");
        var spa = _services.Data("spa");
        await File.WriteAllTextAsync(Path.Combine(spa, "index.html"), "<!doctype html><html><body><div id=\"root\">shop</div></body></html>");

        try
        {
            var identity = _services.StartIdentity(identityPort, coreUrl, [webUrl]);
            CoreApi = Service("core-api", "core-api", "BffPlatform.CoreApi", corePort, new()
            {
                ["ConnectionStrings:Core"] = $"Data Source={CoreDatabase}",
                ["Authentication:Jwt:Authority"] = IdentityUrl + "/",
                ["Database:SeedDemoData"] = "true",
            });
            await Task.WhenAll(identity.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(300)), CoreApi.StartAsync());

            BffWeb = Service("bff-web", "bff-web", "BffPlatform.BffWeb", webPort, new()
            {
                ["Oidc:Authority"] = IdentityUrl + "/",
                ["CoreApi:BaseAddress"] = coreUrl + "/",
                ["Data:Directory"] = _services.Data("bff-web"),
                ["Spa:RootPath"] = spa,
            });
            var mobile = BffMobileProcess.Settings(IdentityUrl, coreUrl);
            mobile["Data:Directory"] = _services.Data("bff-mobile");
            // The load tests send a few hundred requests from one address in seconds.
            mobile["RateLimiting:Enabled"] = "false";
            BffMobile = Service("bff-mobile", "bff-mobile", "BffPlatform.BffMobile", mobilePort, mobile);
            PublicApi = Service("public-api", "public-api", "BffPlatform.PublicApi", publicPort, new()
            {
                ["CoreApi:BaseAddress"] = coreUrl + "/",
                ["TokenClient:Authority"] = IdentityUrl + "/",
                ["Data:Directory"] = _services.Data("public-api"),
                ["ConnectionStrings:Webhooks"] = $"Data Source={_services.Data("public-api", "webhooks.db")}",
                ["DataProtection:KeysPath"] = _services.Data("public-api", "keys"),
                // The demo partner's free plan raised far above what these tests send.
                ["RateLimiting:Policies:free:Burst:Permits"] = "1000000",
                ["RateLimiting:Policies:free:Sustained:Permits"] = "1000000",
                ["Webhooks:AllowLoopbackReceivers"] = "true",
                ["Webhooks:PollInterval"] = "00:00:00.200",
                ["Webhooks:DispatchInterval"] = "00:00:00.100",
                ["Webhooks:ConnectTimeout"] = "00:00:00.500",
                // Generous for a 400 ms receiver on a busy machine (a send that times out after the
                // receiver answered is a legitimate repeat).
                ["Webhooks:RequestTimeout"] = "00:00:05",
                // What was in flight at a kill goes again once its lease runs out (at least twice connect + request).
                ["Webhooks:LeaseDuration"] = "00:00:12",
                ["Webhooks:RetrySchedule:0"] = "00:00:00.500",
                ["Webhooks:RetryJitter"] = "0.1",
                ["Webhooks:MaxAttempts"] = "100",
                ["Webhooks:MaxConcurrentSends"] = MaxConcurrentSends.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            await Task.WhenAll(BffWeb.StartAsync(), BffMobile.StartAsync(), PublicApi.StartAsync());
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A service process of the platform's kind (same logs, same build); the caller stops it.</summary>
    public RestartableService Service(string name, string folder, string assembly, int port, Dictionary<string, string> settings) =>
        new(_logs, name, folder, assembly, port, settings, _configuration);

    /// <summary>Every service's recent output, for a failing test's message.</summary>
    public string Logs(int lines = 40) =>
        string.Join('\n', new[] { CoreApi, BffWeb, BffMobile, PublicApi }.Where(s => s is not null).Select(s => s.Tail(lines))) + "\n" + _services.Logs(lines);

    public async Task DisposeAsync()
    {
        foreach (var service in new[] { PublicApi, BffMobile, BffWeb, CoreApi })
        {
            if (service is not null) await service.DisposeAsync();
        }
        await _services.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultPlatform>
{
    public const string Name = "platform under faults";
}
