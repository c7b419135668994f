using BffPlatform.Testing.Partners;
using BffPlatform.Testing.Processes;

namespace BffPlatform.ScaledOut.Tests.PublicApi;

/// <summary>
/// Real identity and core-api (the demo partner) and two public-api processes, all on one Redis; each
/// instance has its own webhook database, the key ring is in Redis (shared). A fixture of a suite derives
/// from it and adds the public-api settings its tests need (<see cref="PublicApiSettings"/>).
/// </summary>
public abstract class PublicApiPair : IAsyncLifetime
{
    private readonly int[] _ports = [FreePort.Next(), FreePort.Next()];
    private readonly ServiceProcess[] _instances = new ServiceProcess[2];
    private LocalServices _services = null!;

    public LocalRedis Redis { get; private set; } = null!;
    public string IdentityUrl { get; private set; } = "";
    public string CoreUrl { get; private set; } = "";
    public ServiceProcess Core { get; private set; } = null!;
    public ServiceProcess First => _instances[0];
    public ServiceProcess Second => _instances[1];

    /// <summary>Settings both public-api instances get on top of the pair's own.</summary>
    protected virtual IReadOnlyDictionary<string, string> PublicApiSettings => new Dictionary<string, string>();

    /// <summary>Settings of instance <paramref name="index"/> (0 or 1) alone, on top of <see cref="PublicApiSettings"/>.</summary>
    protected virtual IReadOnlyDictionary<string, string> InstanceSettings(int index) => new Dictionary<string, string>();

    public virtual async Task InitializeAsync()
    {
        Redis = await LocalRedis.StartNewAsync();
        _services = new LocalServices(RepoPaths.Root, Directory.CreateTempSubdirectory($"scaled-out-{GetType().Name.ToLowerInvariant()}-logs-").FullName);
        IdentityUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var corePort = FreePort.Next();
        CoreUrl = $"http://127.0.0.1:{corePort}";
        var identity = _services.StartIdentity(new Uri(IdentityUrl).Port, CoreUrl, ["http://127.0.0.1:5300"]);
        await identity.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(90));
        Core = _services.StartCoreApi(corePort, IdentityUrl, new Dictionary<string, string> { ["Redis:Configuration"] = Redis.Configuration });
        await Core.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(90));
        _instances[0] = Start(0);
        _instances[1] = Start(1);
        await First.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(90));
        await Second.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(90));
    }

    public virtual async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await Redis.DisposeAsync();
    }

    public string Logs() => _services.Logs();

    /// <summary>Kills instance <paramref name="index"/> (0 or 1) as a crash would (SIGKILL: no shutdown, no last report).</summary>
    public async Task KillAsync(int index) => await _instances[index].DisposeAsync();

    /// <summary>Starts every killed instance again, on its port, and waits until it is ready.</summary>
    public async Task EnsureBothRunningAsync()
    {
        for (var i = 0; i < _instances.Length; i++)
        {
            if (IsRunning(_instances[i])) continue;
            _instances[i] = Start(i);
            await _instances[i].WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(90));
        }
    }

    /// <summary>Staff of core-api, signed in through identity.</summary>
    public Task<StaffPartners> StaffAsync() => StaffPartners.SignInAsync(IdentityUrl, CoreUrl);

    private static bool IsRunning(ServiceProcess instance)
    {
        try
        {
            return !instance.HasExited;
        }
        catch (InvalidOperationException)
        {
            return false; // disposed
        }
    }

    private ServiceProcess Start(int index)
    {
        var name = $"public-api-{index + 1}";
        var settings = new Dictionary<string, string>
        {
            ["CoreApi:BaseAddress"] = CoreUrl + "/",
            ["TokenClient:Authority"] = IdentityUrl + "/",
            ["ConnectionStrings:Webhooks"] = $"Data Source={_services.Data(name, "webhooks.db")}",
            ["Redis:Configuration"] = Redis.Configuration,
        };
        foreach (var (key, value) in PublicApiSettings.Concat(InstanceSettings(index)))
        {
            settings[key] = value;
        }
        return _services.Start(name, "public-api", "BffPlatform.PublicApi", _ports[index], settings);
    }
}
