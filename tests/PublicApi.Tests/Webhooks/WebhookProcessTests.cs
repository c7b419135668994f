using BffPlatform.Testing.Webhooks;
using BffPlatform.PartnerClient;
using System.Diagnostics;
using System.Text.Json;
using BffPlatform.Contracts.Orders;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Webhooks.Data;
using BffPlatform.PublicApi.Webhooks.Signing;
using BffPlatform.Testing;
using BffPlatform.Testing.Processes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace BffPlatform.PublicApi.Tests.Webhooks;

/// <summary>
/// public-api as a real process (run.sh's way) between an outbox stand-in and a real receiver on
/// loopback: the receiver is down for a while and comes back, public-api is killed mid-dispatch and
/// started again, and every event still arrives, signed, with repeats only for what was in flight.
/// </summary>
public sealed class WebhookProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("webhooks-process-").FullName;
    private readonly OutboxStandIn _outbox = new();
    private readonly WebhookReceiver _receiver = new();
    private readonly int _port = FreePort.Next();
    private ServiceProcess? _publicApi;

    public Task InitializeAsync() => _outbox.StartAsync();

    public async Task DisposeAsync()
    {
        if (_publicApi is not null) await _publicApi.DisposeAsync();
        await _receiver.DisposeAsync();
        await _outbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process; the OS cleans temp.
        }
    }

    private async Task StartPublicApiAsync(int maxConcurrentSends)
    {
        _publicApi = ServiceProcess.Start(RepoPaths.Root, _directory, "public-api", "public-api", "BffPlatform.PublicApi", _port, new Dictionary<string, string>
        {
            ["ConnectionStrings:Webhooks"] = $"Data Source={DispatchRig.DatabaseFile(_directory)}",
            ["DataProtection:KeysPath"] = Path.Combine(_directory, "keys"),
            ["CoreApi:BaseAddress"] = _outbox.BaseUrl + "/",
            ["TokenClient:Authority"] = _outbox.BaseUrl + "/",
            ["TokenClient:TokenEndpoint"] = _outbox.BaseUrl + "/connect/token",
            ["TokenClient:ClientSecret"] = "stand-in",
            ["Webhooks:AllowLoopbackReceivers"] = "true",
            ["Webhooks:PollInterval"] = "00:00:00.200",
            ["Webhooks:DispatchInterval"] = "00:00:00.100",
            ["Webhooks:ConnectTimeout"] = "00:00:00.500",
            // Generous: on a busy machine a send that times out after the receiver got it is a
            // (legitimate) repeat, and this test counts repeats.
            ["Webhooks:RequestTimeout"] = "00:00:10",
            ["Webhooks:LeaseDuration"] = "00:00:21",
            ["Webhooks:RetrySchedule:0"] = "00:00:00.500",
            ["Webhooks:RetryJitter"] = "0.1",
            ["Webhooks:MaxAttempts"] = "100",
            ["Webhooks:MaxConcurrentSends"] = maxConcurrentSends.ToString(),
        });
        await _publicApi.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(60));
    }

    private async Task<(Guid Id, string Secret)> AddEndpointAsync(Guid partner, string environment, string query)
    {
        await using var rig = new DispatchRig(_directory, TimeProvider.System);
        var (id, secret) = await rig.AddEndpointAsync(_receiver.Url + query);
        await using var db = await rig.DbAsync();
        await db.Endpoints.Where(e => e.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.PartnerId, partner)
            .SetProperty(e => e.Environment, environment)
            .SetProperty(e => e.EventTypes, "order.created.v1 order.status_changed.v1 order.cancelled.v1"));
        return (id, secret);
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan limit, Func<string> describe)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit) throw new TimeoutException(describe());
            await Task.Delay(50);
        }
    }

    private async Task WaitForAllSucceededAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using (var rig = new DispatchRig(_directory, TimeProvider.System))
            await using (var db = await rig.DbAsync())
            {
                var open = await db.Deliveries.CountAsync(d => d.Status != DeliveryStatus.Succeeded);
                if (open == 0) return;
                if (clock.Elapsed > limit) throw new TimeoutException($"{open} deliveries not delivered\n{_publicApi!.Tail()}");
            }
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task Every_event_arrives_signed_through_a_receiver_outage_and_a_killed_public_api()
    {
        await StartPublicApiAsync(maxConcurrentSends: 4);
        var partner = Guid.NewGuid();
        var (_, liveSecret) = await AddEndpointAsync(partner, PartnerEnvironments.Live, "?env=live");
        var (_, testSecret) = await AddEndpointAsync(partner, PartnerEnvironments.Test, "?env=test");

        var live = new List<(Guid Order, long Version)>();
        for (var i = 0; i < 24; i++)
        {
            var order = _outbox.Add(OrderEventTypes.OrderCreated, OutboxStandIn.Partner(partner));
            live.Add((order, 1));
            if (i % 4 == 0)
            {
                _outbox.Add(OrderEventTypes.OrderStatusChanged, OutboxStandIn.Partner(partner), status: OrderStatus.Confirmed, version: 2, orderId: order);
                live.Add((order, 2));
            }
        }
        var testOrder = _outbox.Add(OrderEventTypes.OrderCreated, OutboxStandIn.Partner(partner), test: true);
        var strangers = new[]
        {
            _outbox.Add(OrderEventTypes.OrderCreated, OutboxStandIn.Partner(Guid.NewGuid())),
            _outbox.Add(OrderEventTypes.OrderCreated, "a-user-subject"),
        };
        var total = live.Count + 1 + strangers.Length;

        // The receiver is down: every event is taken in and acknowledged, nothing arrives.
        await WaitForAsync(() => _outbox.Acknowledged == total, TimeSpan.FromSeconds(30), () => $"acknowledged {_outbox.Acknowledged} of {total}\n{_publicApi!.Tail()}");
        await Task.Delay(1500);
        Assert.Empty(_receiver.Requests);

        // It comes back, slowly; public-api is killed while it is sending.
        _receiver.Answer = _ => Task.Delay(100);
        await _receiver.StartAsync();
        await WaitForAsync(() => _receiver.Requests.Count >= 6, TimeSpan.FromSeconds(30), () => $"received {_receiver.Requests.Count}\n{_publicApi!.Tail()}");
        await _publicApi!.DisposeAsync();
        var beforeRestart = _receiver.Requests.Count;
        Assert.True(beforeRestart < live.Count + 1, $"all {beforeRestart} arrived before the kill: nothing was cut mid-dispatch");

        await StartPublicApiAsync(maxConcurrentSends: 4);
        await WaitForAsync(() => _receiver.Requests.Select(r => r.Id).Distinct().Count() == live.Count + 1, TimeSpan.FromSeconds(60),
            () => $"received {_receiver.Requests.Select(r => r.Id).Distinct().Count()} distinct of {live.Count + 1}\n{_publicApi!.Tail()}");
        // What was in flight at the kill stays leased to the dead process until its lease runs out
        // (21 s here) and then goes again: wait for the database to say every delivery succeeded.
        await WaitForAllSucceededAsync(TimeSpan.FromSeconds(90));
        // Several dispatch rounds later: nothing more comes.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var received = _receiver.Requests.ToList();

        foreach (var r in received)
        {
            var secret = r.Path.EndsWith("env=test", StringComparison.Ordinal) ? testSecret : liveSecret;
            Assert.Null(new WebhookVerifier(secret).Check(r.Body, r.Id, r.Timestamp, r.Signature));
            using var body = JsonDocument.Parse(r.Body);
            Assert.Equal(r.Id, body.RootElement.GetProperty("id").GetString());
        }
        var arrived = received.Where(r => r.Path.EndsWith("env=live", StringComparison.Ordinal))
            .Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("order"))
            .Select(o => (o.GetProperty("id").GetGuid(), o.GetProperty("version").GetInt64()))
            .Distinct().Order().ToList();
        Assert.Equal(live.Order(), arrived);
        var toTest = Assert.Single(received.Where(r => r.Path.EndsWith("env=test", StringComparison.Ordinal)).DistinctBy(r => r.Id));
        Assert.Equal(testOrder, JsonDocument.Parse(toTest.Body).RootElement.GetProperty("data").GetProperty("order").GetProperty("id").GetGuid());
        Assert.True(JsonDocument.Parse(toTest.Body).RootElement.GetProperty("data").GetProperty("order").GetProperty("test").GetBoolean());
        Assert.DoesNotContain(received, r => strangers.Any(s => r.Body.Contains(s.ToString(), StringComparison.Ordinal)));

        // Repeats: only what was in flight when the process died, each with its webhook-id and body unchanged.
        var repeats = received.GroupBy(r => r.Id).Where(g => g.Count() > 1).ToList();
        Assert.True(repeats.Sum(g => g.Count() - 1) <= 4, $"{repeats.Count} ids repeated: more than the 4 in flight at the kill");
        Assert.All(repeats, g => Assert.Single(g.Select(r => r.Body).Distinct()));
        output.WriteLine($"{received.Count} requests for {live.Count + 1} messages; {beforeRestart} before the kill; {repeats.Count} repeated after it");

        await using var rig = new DispatchRig(_directory, TimeProvider.System);
        await using var db = await rig.DbAsync();
        Assert.All(await db.Deliveries.ToListAsync(), d => Assert.Equal(DeliveryStatus.Succeeded, d.Status));
    }

    [Fact]
    public async Task Dispatch_rate_to_a_local_receiver()
    {
        const int events = 1000;
        await _receiver.StartAsync();
        await StartPublicApiAsync(maxConcurrentSends: 16);
        var partner = Guid.NewGuid();
        await AddEndpointAsync(partner, PartnerEnvironments.Live, "");
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < events; i++)
        {
            _outbox.Add(OrderEventTypes.OrderCreated, OutboxStandIn.Partner(partner));
        }
        await WaitForAsync(() => _receiver.Requests.Select(r => r.Id).Distinct().Count() >= events, TimeSpan.FromSeconds(180),
            () => $"received {_receiver.Requests.Select(r => r.Id).Distinct().Count()} of {events}\n{_publicApi!.Tail()}");
        clock.Stop();
        Assert.Equal(events, _receiver.Requests.Select(r => r.Id).Distinct().Count());
        // Reported, not asserted: speed is measured, not held to a wall-clock limit in tests.
        output.WriteLine($"{events} events from outbox to receiver in {clock.Elapsed.TotalSeconds:0.00} s: {events / clock.Elapsed.TotalSeconds:0} events/s (max {_receiver.MaxInFlight} in flight, {_receiver.Requests.Count - events} repeats)");
    }
}
