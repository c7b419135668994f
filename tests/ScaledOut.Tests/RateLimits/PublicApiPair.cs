using BffPlatform.Testing.Processes;

namespace BffPlatform.ScaledOut.Tests.RateLimits;

/// <summary>
/// Real identity and core-api (the demo partner, on plan <c>free</c>), one Redis, and two public-api
/// processes on it whose <c>free</c> plan is small: <see cref="Limit"/> requests an hour, bursts unlimited.
/// </summary>
public sealed class PublicApiPair : IAsyncLifetime
{
    public const int Limit = 20;
    private LocalServices _services = null!;

    public LocalRedis Redis { get; private set; } = null!;
    public ServiceProcess First { get; private set; } = null!;
    public ServiceProcess Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await LocalRedis.StartNewAsync();
        _services = new LocalServices(RepoPaths.Root, Directory.CreateTempSubdirectory("scaled-out-ratelimits-logs-").FullName);
        var identityUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var corePort = FreePort.Next();
        var coreUrl = $"http://127.0.0.1:{corePort}";
        var identity = _services.StartIdentity(new Uri(identityUrl).Port, coreUrl, ["http://127.0.0.1:5300"]);
        await identity.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(90));
        var core = _services.StartCoreApi(corePort, identityUrl);
        await core.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(90));
        First = StartPublicApi("public-api-1", coreUrl, identityUrl);
        Second = StartPublicApi("public-api-2", coreUrl, identityUrl);
        await First.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(90));
        await Second.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await Redis.DisposeAsync();
    }

    public string Logs() => _services.Logs();

    private ServiceProcess StartPublicApi(string name, string coreUrl, string identityUrl) =>
        _services.Start(name, "public-api", "BffPlatform.PublicApi", FreePort.Next(), new Dictionary<string, string>
        {
            ["CoreApi:BaseAddress"] = coreUrl + "/",
            ["TokenClient:Authority"] = identityUrl + "/",
            // Each instance its own webhook database; the key ring is in Redis (shared).
            ["ConnectionStrings:Webhooks"] = $"Data Source={_services.Data(name, "webhooks.db")}",
            ["Redis:Configuration"] = Redis.Configuration,
            ["RateLimiting:Policies:free:Burst:Permits"] = "10000",
            ["RateLimiting:Policies:free:Sustained:Permits"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
