using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Tests.Infrastructure;
using BffPlatform.Testing.Partners;
using BffPlatform.Testing.Processes;

namespace BffPlatform.PublicApi.Tests.Integration;

/// <summary>
/// Real identity and core-api processes (core-api's Development seed: the demo partner and its test and
/// publishable keys), public-api in memory in front of them, and a staff token to create partners and
/// issue or revoke keys through core-api's staff endpoints. Rate limiting is off here (RateLimitTests
/// count limits exactly against a stand-in).
/// </summary>
public sealed class PartnerPlatform : IAsyncLifetime
{
    private LocalServices _services = null!;
    private StaffPartners _staff = null!;
    private int _publicPort;
    private Dictionary<string, string> _publicApiSettings = [];
    private ServiceProcess? _publicApi;

    public string CoreUrl { get; private set; } = "";
    public string IdentityUrl { get; private set; } = "";
    public PublicApiFactory Api { get; private set; } = null!;

    /// <summary>public-api as a process too, on a port, for what runs outside .NET (the quick start's curl).</summary>
    public string PublicApiUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var logs = Directory.CreateTempSubdirectory("public-api-tests-logs-").FullName;
        _services = new LocalServices(RepoPaths.Root, logs);
        IdentityUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var corePort = FreePort.Next();
        CoreUrl = $"http://127.0.0.1:{corePort}";
        var identity = _services.StartIdentity(new Uri(IdentityUrl).Port, CoreUrl, ["http://127.0.0.1:5300"]);
        await identity.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(90));
        var core = _services.StartCoreApi(corePort, IdentityUrl);
        await core.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(90));
        Api = new PublicApiFactory(CoreUrl, new Dictionary<string, string?>
        {
            ["TokenClient:Authority"] = IdentityUrl + "/",
            ["TokenClient:TokenEndpoint"] = null,
            ["RateLimiting:Enabled"] = "false",
            ["Usage:ReportInterval"] = "01:00:00",
        });
        _publicPort = FreePort.Next();
        _publicApiSettings = new Dictionary<string, string>
        {
            ["CoreApi:BaseAddress"] = CoreUrl + "/",
            ["TokenClient:Authority"] = IdentityUrl + "/",
            // Its own webhook database and key ring, receivers on loopback, and retries in
            // half-seconds so a receiver that was down gets its events within the test.
            ["ConnectionStrings:Webhooks"] = $"Data Source={_services.Data("public-api", "webhooks.db")}",
            ["DataProtection:KeysPath"] = _services.Data("public-api", "keys"),
            ["Webhooks:AllowLoopbackReceivers"] = "true",
            ["Webhooks:PollInterval"] = "00:00:00.200",
            ["Webhooks:DispatchInterval"] = "00:00:00.100",
            ["Webhooks:ConnectTimeout"] = "00:00:00.500",
            ["Webhooks:RequestTimeout"] = "00:00:10",
            ["Webhooks:LeaseDuration"] = "00:00:21",
            ["Webhooks:RetrySchedule:0"] = "00:00:00.500",
            ["Webhooks:RetryJitter"] = "0.1",
            ["Webhooks:MaxAttempts"] = "100",
        };
        var publicApi = await StartPublicApiAsync();
        PublicApiUrl = publicApi.BaseUrl;
        _staff = await StaffPartners.SignInAsync(IdentityUrl, CoreUrl);
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await _services.DisposeAsync();
    }

    public string Logs() => _services.Logs();

    /// <summary>Kills the public-api process (as a crash would) and starts it again on the same port, database and key ring.</summary>
    public async Task RestartPublicApiAsync()
    {
        await _publicApi!.DisposeAsync();
        await StartPublicApiAsync();
    }

    private async Task<ServiceProcess> StartPublicApiAsync()
    {
        _publicApi = _services.Start("public-api", "public-api", "BffPlatform.PublicApi", _publicPort, _publicApiSettings);
        await _publicApi.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(90));
        return _publicApi;
    }

    /// <summary>A new partner through core-api's staff endpoint.</summary>
    public Task<PartnerDto> CreatePartnerAsync(string name, string plan = "free") => _staff.CreatePartnerAsync(name, plan);

    public Task<IssuedApiKeyDto> IssueKeyAsync(Guid partner, string kind, IReadOnlyList<string> scopes) => _staff.IssueKeyAsync(partner, kind, scopes);

    public Task RevokeKeyAsync(Guid partner, Guid key) => _staff.RevokeKeyAsync(partner, key);
}

[CollectionDefinition(Name)]
public sealed class PartnerPlatformCollection : ICollectionFixture<PartnerPlatform>
{
    public const string Name = "real identity and core-api";
}
