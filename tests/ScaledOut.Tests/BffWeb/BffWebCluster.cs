using System.Diagnostics;
using System.Globalization;
using BffPlatform.Testing.Processes;

namespace BffPlatform.ScaledOut.Tests.BffWeb;

/// <summary>
/// Two bff-web processes sharing one PostgreSQL session database and one Redis (key ring, refresh
/// lock, cache change feed, replay cache), with the real identity and core-api as processes.
/// Both instances refresh the access token on every request (<c>Oidc:RefreshBeforeExpiry</c> longer
/// than the token lives) and identity allows no refresh-token reuse, so a refresh token redeemed
/// twice ends the session at once. Tests that stop an instance or Redis bring them back.
/// </summary>
public sealed class BffWebCluster : IAsyncLifetime
{
    private readonly LocalServices _services = new(
        RepoPaths.Root,
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "bff-web-cluster-output")).FullName,
        configuration: new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name);

    private const string KeyPrefix = "bff-web-cluster:";
    private readonly ServiceProcess?[] _bff = new ServiceProcess?[2];
    private string[] _keyRing = [];
    private readonly int[] _bffPorts = [FreePort.Next(), FreePort.Next()];

    public LocalPostgres Postgres { get; private set; } = null!;
    public LocalRedis Redis { get; private set; } = null!;
    public string IdentityUrl { get; private set; } = "";
    public string CoreApiUrl { get; private set; } = "";

    /// <summary>The base URL of instance 0 or 1.</summary>
    public string Bff(int instance) => $"http://127.0.0.1:{_bffPorts[instance]}";

    public ServiceProcess Instance(int instance) => _bff[instance] ?? throw new InvalidOperationException($"bff-web {instance} is not running.");

    public async Task InitializeAsync()
    {
        try
        {
            Postgres = await LocalPostgres.StartNewAsync();
            Redis = await LocalRedis.StartNewAsync();
            await Postgres.CreateDatabaseAsync("sessions");

            int identityPort = FreePort.Next(), corePort = FreePort.Next();
            IdentityUrl = $"http://127.0.0.1:{identityPort}";
            CoreApiUrl = $"http://127.0.0.1:{corePort}";
            var identity = _services.StartIdentity(identityPort, CoreApiUrl, [Bff(0), Bff(1)], new Dictionary<string, string>
            {
                ["Identity:RefreshTokenReuseLeeway"] = "00:00:00",
            });
            var core = _services.StartCoreApi(corePort, IdentityUrl);
            await Task.WhenAll(
                identity.WaitUntilReadyAsync("/.well-known/openid-configuration", TimeSpan.FromSeconds(180)),
                core.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(180)));
            // Both at once: their start-up migrations meet on the one database.
            await Task.WhenAll(StartBffAsync(0), StartBffAsync(1));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task StartBffAsync(int instance)
    {
        var spaRoot = _services.Data($"bff-web-{instance}", "spa");
        await File.WriteAllTextAsync(Path.Combine(spaRoot, "index.html"), "<!doctype html><html><body><div id=\"root\">shop</div></body></html>");
        var bff = _services.Start($"bff-web-{instance}", "bff-web", "BffPlatform.BffWeb", _bffPorts[instance], new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Sessions"] = Postgres.ConnectionString("sessions"),
            ["Redis:Configuration"] = Redis.Configuration,
            ["Redis:KeyPrefix"] = KeyPrefix,
            ["Data:Directory"] = _services.Data($"bff-web-{instance}"),
            ["Spa:RootPath"] = spaRoot,
            ["Oidc:Authority"] = IdentityUrl + "/",
            ["Oidc:RefreshBeforeExpiry"] = "01:00:00",
            ["CoreApi:BaseAddress"] = CoreApiUrl + "/",
        });
        _bff[instance] = bff;
        await bff.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(180));
    }

    /// <summary>Kills instance <paramref name="instance"/> (as a crashed pod).</summary>
    public async Task KillBffAsync(int instance)
    {
        if (_bff[instance] is { } bff)
        {
            await bff.DisposeAsync();
            _bff[instance] = null;
        }
    }

    /// <summary>Kills Redis (as a crash would).</summary>
    public async Task StopRedisAsync()
    {
        // A real deployment's Redis persists the key ring (docs/bff-web-scaled-out.md); this one comes
        // back empty, so the ring is kept aside and put back, or a restarted instance would make a new one.
        _keyRing = (await RedisCliAsync("--raw", "LRANGE", KeyPrefix + "dataprotection:bff-web", "0", "-1"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(_keyRing);
        await Redis.StopAsync();
    }

    public async Task StartRedisAsync()
    {
        await Redis.StartAsync();
        await RedisCliAsync(["RPUSH", KeyPrefix + "dataprotection:bff-web", .. _keyRing]);
    }

    private async Task<string> RedisCliAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-h", "127.0.0.1", "-p", Redis.Port.ToString(CultureInfo.InvariantCulture), .. arguments])
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start redis-cli");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"redis-cli {string.Join(' ', arguments)}: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }

    /// <summary>Every service's recent output, for a failing test's message.</summary>
    public string Logs() => _services.Logs(60);

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        if (Postgres is not null) await Postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BffWebClusterCollection : ICollectionFixture<BffWebCluster>
{
    public const string Name = "bff-web cluster";
}
