using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BffPlatform.Testing.Processes;
using BffPlatform.Testing.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Xunit.Abstractions;

namespace BffPlatform.ScaledOut.Tests.Webhooks;

/// <summary>
/// Two public-api instances, real processes, on one PostgreSQL webhook database: the deliveries of
/// N events to a loopback receiver are shared through the leases, each is sent exactly once (no
/// delivery by both), every one is signed with the endpoint's secret, and each attempt is in the log.
/// </summary>
public sealed class WebhookDispatchScaleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Events = 300;
    private readonly string _directory = Directory.CreateTempSubdirectory("webhooks-scale-").FullName;
    private readonly WebhookReceiver _receiver = new();
    private readonly List<ServiceProcess> _instances = [];
    private LocalPostgres? _postgres;

    public async Task InitializeAsync()
    {
        await _receiver.StartAsync();
        _postgres = await LocalPostgres.StartNewAsync();
        await _postgres.CreateDatabaseAsync("webhooks");
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
        await _receiver.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process; the OS cleans temp.
        }
    }

    private async Task<ServiceProcess> StartInstanceAsync(string name)
    {
        var instance = ServiceProcess.Start(RepoPaths.Root, _directory, name, "public-api", "BffPlatform.PublicApi", FreePort.Next(), new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Webhooks"] = _postgres!.ConnectionString("webhooks"),
            // One key ring for both (files here; Redis when Redis:Configuration is set).
            ["DataProtection:KeysPath"] = Path.Combine(_directory, "keys"),
            // No core-api in this test: the deliveries are written straight to the database.
            ["Webhooks:IntakeEnabled"] = "false",
            ["CoreApi:BaseAddress"] = $"http://127.0.0.1:{FreePort.Next()}/",
            ["TokenClient:Authority"] = $"http://127.0.0.1:{FreePort.Next()}/",
            ["TokenClient:ClientSecret"] = "unused",
            ["Webhooks:AllowLoopbackReceivers"] = "true",
            ["Webhooks:DispatchInterval"] = "00:00:00.050",
            ["Webhooks:MaxConcurrentSends"] = "8",
            ["Webhooks:RequestTimeout"] = "00:00:20",
            ["Webhooks:LeaseDuration"] = "00:01:00",
        });
        _instances.Add(instance);
        // Live, not ready: ready also asks for core-api, which this test has none of. The schema is
        // migrated before the server answers at all.
        await instance.WaitUntilReadyAsync("/health/live", TimeSpan.FromSeconds(180));
        return instance;
    }

    [Fact]
    public async Task Two_instances_on_one_database_send_every_delivery_exactly_once()
    {
        // The key ring first, so both instances read the key the secret is protected with.
        var protector = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(_directory, "keys")), b => b.SetApplicationName("public-api"))
            .CreateProtector("BffPlatform.PublicApi.Webhooks.SigningSecret.v1");
        var secretBytes = RandomNumberGenerator.GetBytes(32);
        var secret = "whsec_" + Convert.ToBase64String(secretBytes);
        // Slow enough that one dispatcher cannot take every round alone.
        _receiver.Answer = _ => Task.Delay(20);

        await StartInstanceAsync("public-api-a");
        await StartInstanceAsync("public-api-b");

        var endpoint = Guid.NewGuid();
        var partner = Guid.NewGuid();
        var protectedSecret = protector.Protect(secret);
        await _postgres!.PsqlAsync("webhooks", $$"""
            INSERT INTO endpoints ("Id","PartnerId","Environment","Url","EventTypes","Enabled","Secret","ConsecutiveFailures","CreatedAt","UpdatedAt")
            VALUES ('{{endpoint}}','{{partner}}','live','{{_receiver.Url}}','order.created.v1',true,'{{protectedSecret}}',0,now(),now());
            INSERT INTO messages ("Id","PartnerId","Environment","Type","Payload","CreatedAt")
            SELECT 'msg_scale_' || g, '{{partner}}', 'live', 'order.created.v1', '{"n":' || g || '}', now() FROM generate_series(1,{{Events}}) g;
            INSERT INTO deliveries ("MessageId","EndpointId","Status","Attempts","NextAttemptAt","CreatedAt")
            SELECT 'msg_scale_' || g, '{{endpoint}}', 'Pending', 0, now(), now() FROM generate_series(1,{{Events}}) g;
            """);

        var started = DateTime.UtcNow;
        while (await CountAsync("""SELECT count(*) FROM deliveries WHERE "Status" = 'Succeeded'""") < Events)
        {
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromMinutes(3),
                $"Only {await CountAsync("""SELECT count(*) FROM deliveries WHERE "Status" = 'Succeeded'""")} of {Events} delivered.\n{_instances[0].Tail(30)}\n{_instances[1].Tail(30)}");
            await Task.Delay(200);
        }
        output.WriteLine($"{Events} deliveries by two instances in {(DateTime.UtcNow - started).TotalSeconds:0.0} s");

        var received = _receiver.Requests.ToList();
        Assert.Equal(Events, received.Count);
        Assert.Equal(Events, received.Select(r => r.Id).Distinct().Count());
        Assert.Equal(1, _receiver.MaxInFlightForOneId);
        Assert.All(received, r => Assert.Contains(Sign(secretBytes, r), r.Signature.Split(' ')));
        Assert.Equal(Events, await CountAsync("SELECT count(*) FROM delivery_attempts"));
        Assert.Equal(Events, await CountAsync("""SELECT count(*) FROM deliveries WHERE "Attempts" = 1"""));
        Assert.All(_instances, i => Assert.False(i.HasExited));
    }

    /// <summary>Standard Webhooks v1: HMAC-SHA256 of "id.timestamp.body" under the secret's bytes.</summary>
    private static string Sign(byte[] secret, Received request) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{request.Id}.{request.Timestamp}.{request.Body}")));

    private async Task<int> CountAsync(string sql) =>
        int.Parse(await _postgres!.PsqlAsync("webhooks", sql), CultureInfo.InvariantCulture);
}
