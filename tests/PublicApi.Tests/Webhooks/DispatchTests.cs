using BffPlatform.Testing.Webhooks;
using BffPlatform.PartnerClient;
using BffPlatform.PublicApi.Webhooks.Data;
using BffPlatform.PublicApi.Webhooks.Dispatch;
using BffPlatform.PublicApi.Webhooks.Retention;
using BffPlatform.PublicApi.Webhooks.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace BffPlatform.PublicApi.Tests.Webhooks;

public sealed class DispatchTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("webhooks-dispatch-").FullName;
    // Whole seconds: the database keeps DateTimeOffset to the millisecond (DateTimeOffsetToBinaryConverter).
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private readonly WebhookReceiver _receiver = new();
    private readonly List<DispatchRig> _rigs = [];

    private async Task<DispatchRig> RigAsync(Action<PublicApi.Webhooks.WebhookOptions>? configure = null, TimeProvider? time = null)
    {
        var rig = new DispatchRig(_directory, time ?? _time, configure);
        _rigs.Add(rig);
        await rig.MigrateAsync();
        return rig;
    }

    public Task InitializeAsync() => _receiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        foreach (var rig in _rigs) await rig.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_delivery_is_sent_signed_with_its_message_id_and_recorded()
    {
        var rig = await RigAsync();
        var (endpoint, secret) = await rig.AddEndpointAsync(_receiver.Url);
        var message = (await rig.QueueAsync(endpoint, 1))[0];

        Assert.Equal(1, await rig.Dispatcher.RunOnceAsync(CancellationToken.None));

        var received = Assert.Single(_receiver.Requests);
        Assert.Equal(message, received.Id);
        Assert.Null(new WebhookVerifier(secret, _time).Check(received.Body, received.Id, received.Timestamp, received.Signature));
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds().ToString(), received.Timestamp);
        var delivery = await rig.DeliveryAsync(message);
        Assert.Equal(DeliveryStatus.Succeeded, delivery.Status);
        Assert.Equal(1, delivery.Attempts);
        Assert.Equal(204, delivery.LastStatusCode);
        Assert.Null(delivery.LeaseToken);
        Assert.Equal(0, await rig.Dispatcher.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task During_a_rotation_both_secrets_sign()
    {
        var rig = await RigAsync();
        var (endpoint, oldSecret) = await rig.AddEndpointAsync(_receiver.Url);
        var newSecret = WebhookSecret.Generate();
        await using (var db = await rig.DbAsync())
        {
            var e = await db.Endpoints.FindAsync(endpoint);
            e!.PreviousSecret = e.Secret;
            e.PreviousSecretExpiresAt = _time.GetUtcNow().AddHours(1);
            e.Secret = rig.Secrets.Protect(newSecret);
            await db.SaveChangesAsync();
        }
        await rig.QueueAsync(endpoint, 1);
        await rig.Dispatcher.RunOnceAsync(CancellationToken.None);
        var received = Assert.Single(_receiver.Requests);
        Assert.Equal(2, received.Signature.Split(' ').Length);
        Assert.True(new WebhookVerifier(oldSecret, _time).IsValid(received.Body, received.Id, received.Timestamp, received.Signature));
        Assert.True(new WebhookVerifier(newSecret, _time).IsValid(received.Body, received.Id, received.Timestamp, received.Signature));

        // Once the overlap is over only the new secret signs.
        _time.Advance(TimeSpan.FromHours(2));
        await rig.QueueAsync(endpoint, 1);
        await rig.Dispatcher.RunOnceAsync(CancellationToken.None);
        var later = _receiver.Requests.Last();
        Assert.Single(later.Signature.Split(' '));
        Assert.False(new WebhookVerifier(oldSecret, _time).IsValid(later.Body, later.Id, later.Timestamp, later.Signature));
    }

    [Fact]
    public async Task A_failure_is_retried_on_the_schedule_and_Retry_After_is_honoured()
    {
        var rig = await RigAsync(o => o.RetryJitter = 0);
        var (endpoint, _) = await rig.AddEndpointAsync(_receiver.Url);
        var message = (await rig.QueueAsync(endpoint, 1))[0];
        _receiver.Answer = c => { c.Response.StatusCode = 500; return Task.CompletedTask; };

        await rig.Dispatcher.RunOnceAsync(CancellationToken.None);
        var failed = await rig.DeliveryAsync(message);
        Assert.Equal(DeliveryStatus.Pending, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(500, failed.LastStatusCode);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(5), failed.NextAttemptAt);
        Assert.Equal(1, (await rig.EndpointAsync(endpoint)).ConsecutiveFailures);

        // Not due yet: nothing is sent.
        Assert.Equal(0, await rig.Dispatcher.RunOnceAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(5));
        _receiver.Answer = c => { c.Response.StatusCode = 503; c.Response.Headers.RetryAfter = "900"; return Task.CompletedTask; };
        Assert.Equal(1, await rig.Dispatcher.RunOnceAsync(CancellationToken.None));
        var throttled = await rig.DeliveryAsync(message);
        Assert.Equal(2, throttled.Attempts);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(900), throttled.NextAttemptAt);

        _time.Advance(TimeSpan.FromSeconds(900));
        _receiver.Answer = _ => Task.CompletedTask;
        await rig.Dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.Equal(DeliveryStatus.Succeeded, (await rig.DeliveryAsync(message)).Status);
        var endpointAfter = await rig.EndpointAsync(endpoint);
        Assert.Equal(0, endpointAfter.ConsecutiveFailures);
        Assert.Null(endpointAfter.FailingSince);
        Assert.Equal(3, _receiver.Requests.Count);
        Assert.Single(_receiver.Requests.Select(r => r.Id).Distinct());

        // The delivery log keeps every attempt, not only the last.
        var attempts = await rig.AttemptsAsync((await rig.DeliveryAsync(message)).Id);
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Number));
        Assert.Equal([500, 503, 204], attempts.Select(a => a.StatusCode ?? 0));
        Assert.Equal([false, false, true], attempts.Select(a => a.Succeeded));
    }

    [Fact]
    public async Task Retention_prunes_finished_deliveries_their_messages_and_attempts_but_never_a_pending_one()
    {
        var rig = await RigAsync(o => o.Retention = TimeSpan.FromDays(30));
        var (endpoint, _) = await rig.AddEndpointAsync(_receiver.Url);
        var messages = await rig.QueueAsync(endpoint, 2);
        await rig.Dispatcher.RunOnceAsync(CancellationToken.None);
        var delivered = await rig.DeliveryAsync(messages[0]);
        Assert.Equal(DeliveryStatus.Succeeded, delivered.Status);
        // A third, still pending (its receiver keeps failing, far in the future).
        var pendingMessage = (await rig.QueueAsync(endpoint, 1))[0];
        await using (var db = await rig.DbAsync())
        {
            await db.Deliveries.Where(d => d.MessageId == pendingMessage)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, _time.GetUtcNow() + TimeSpan.FromDays(90)));
        }

        var early = await rig.Retention.PruneAsync(_time.GetUtcNow() + TimeSpan.FromDays(29), CancellationToken.None);
        Assert.Equal(new PruneResult(0, 0, 0, 0), early);
        Assert.Single(await rig.AttemptsAsync(delivered.Id));

        var late = await rig.Retention.PruneAsync(_time.GetUtcNow() + TimeSpan.FromDays(31), CancellationToken.None);
        Assert.Equal(new PruneResult(2, 2, 2, 0), late);
        await using var after = await rig.DbAsync();
        Assert.Equal([pendingMessage], await after.Messages.Select(m => m.Id).ToListAsync());
        Assert.Equal(DeliveryStatus.Pending, (await rig.DeliveryAsync(pendingMessage)).Status);
        Assert.Empty(await rig.AttemptsAsync(delivered.Id));
    }

    [Fact]
    public async Task Attempts_run_out_and_the_delivery_is_given_up()
    {
        var rig = await RigAsync(o => { o.MaxAttempts = 2; o.RetryJitter = 0; });
        var (endpoint, _) = await rig.AddEndpointAsync(_receiver.Url);
        var message = (await rig.QueueAsync(endpoint, 1))[0];
        _receiver.Answer = c => { c.Response.StatusCode = 500; return Task.CompletedTask; };
        await rig.Dispatcher.RunOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));
        await rig.Dispatcher.RunOnceAsync(CancellationToken.None);
        var delivery = await rig.DeliveryAsync(message);
        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.Equal(2, delivery.Attempts);
        Assert.NotNull(delivery.CompletedAt);
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await rig.Dispatcher.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_410_disables_the_endpoint_and_its_other_deliveries_wait()
    {
        var rig = await RigAsync();
        var (endpoint, _) = await rig.AddEndpointAsync(_receiver.Url);
        await rig.QueueAsync(endpoint, 1);
        _receiver.Answer = c => { c.Response.StatusCode = 410; return Task.CompletedTask; };
        await rig.Dispatcher.RunOnceAsync(CancellationToken.None);
        var disabled = await rig.EndpointAsync(endpoint);
        Assert.False(disabled.Enabled);
        Assert.Equal(DeliveryRecorder.GoneReason, disabled.DisabledReason);

        await rig.QueueAsync(endpoint, 3);
        Assert.Equal(0, await rig.Dispatcher.RunOnceAsync(CancellationToken.None));
        Assert.Single(_receiver.Requests);
    }

    [Fact]
    public async Task Persistent_failure_disables_the_endpoint()
    {
        var rig = await RigAsync(o => { o.DisableAfterFailures = 3; o.DisableAfterFailingFor = TimeSpan.FromHours(1); });
        var (endpoint, _) = await rig.AddEndpointAsync(_receiver.Url);
        _receiver.Answer = c => { c.Response.StatusCode = 500; return Task.CompletedTask; };
        await rig.QueueAsync(endpoint, 3);
        await rig.Dispatcher.RunOnceAsync(CancellationToken.None);
        // Three failures, but not yet for an hour: still enabled.
        Assert.True((await rig.EndpointAsync(endpoint)).Enabled);
        _time.Advance(TimeSpan.FromHours(1));
        await rig.QueueAsync(endpoint, 1);
        await rig.Dispatcher.RunOnceAsync(CancellationToken.None);
        var disabled = await rig.EndpointAsync(endpoint);
        Assert.False(disabled.Enabled);
        Assert.Contains("failed", disabled.DisabledReason);
    }

    [Fact]
    public async Task A_redirect_is_a_failure_and_is_not_followed()
    {
        var rig = await RigAsync();
        var (endpoint, _) = await rig.AddEndpointAsync(_receiver.Url);
        var message = (await rig.QueueAsync(endpoint, 1))[0];
        _receiver.Answer = c =>
        {
            if (c.Request.Path == "/hooks") c.Response.Redirect("/elsewhere");
            return Task.CompletedTask;
        };
        await rig.Dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.DoesNotContain(_receiver.Requests, r => r.Path == "/elsewhere");
        var delivery = await rig.DeliveryAsync(message);
        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
        Assert.Equal(302, delivery.LastStatusCode);
        Assert.Contains("redirects are not followed", delivery.LastError);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/hooks")]
    [InlineData("http://localhost:{port}/hooks")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/hooks")]
    public async Task Without_the_loopback_setting_a_loopback_receiver_is_refused_at_connect_time(string url)
    {
        var rig = await RigAsync(o => o.AllowLoopbackReceivers = false);
        var (endpoint, _) = await rig.AddEndpointAsync(url.Replace("{port}", _receiver.Port.ToString()));
        var message = (await rig.QueueAsync(endpoint, 1))[0];
        await rig.Dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.Empty(_receiver.Requests);
        var delivery = await rig.DeliveryAsync(message);
        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
        Assert.Null(delivery.LastStatusCode);
        Assert.Contains("loopback", delivery.LastError);
    }

    [Fact]
    public async Task A_claimed_delivery_is_no_one_elses_until_its_lease_expires_and_a_lost_lease_records_nothing()
    {
        var a = await RigAsync(o => o.LeaseDuration = TimeSpan.FromSeconds(30));
        var b = await RigAsync(o => o.LeaseDuration = TimeSpan.FromSeconds(30));
        var (endpoint, _) = await a.AddEndpointAsync(_receiver.Url);
        var message = (await a.QueueAsync(endpoint, 1))[0];

        var claimedByA = Assert.Single(await a.Leases.ClaimAsync(10, CancellationToken.None));
        Assert.Empty(await b.Leases.ClaimAsync(10, CancellationToken.None));

        // A dies holding it; once the lease is over B takes it and sends it, with the same webhook-id.
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await b.Dispatcher.RunOnceAsync(CancellationToken.None));
        Assert.Equal(message, Assert.Single(_receiver.Requests).Id);

        // A comes back late with a failure: its lease is gone, so B's success stands.
        await a.Recorder.RecordAsync([(claimedByA, new SendResult(500, "late", null))], CancellationToken.None);
        var delivery = await a.DeliveryAsync(message);
        Assert.Equal(DeliveryStatus.Succeeded, delivery.Status);
        Assert.Equal(1, delivery.Attempts);
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_never_send_the_same_delivery_at_once()
    {
        var a = await RigAsync(o => o.MaxConcurrentSends = 8, TimeProvider.System);
        var b = await RigAsync(o => o.MaxConcurrentSends = 8, TimeProvider.System);
        var (endpoint, _) = await a.AddEndpointAsync(_receiver.Url);
        var messages = await a.QueueAsync(endpoint, 200);
        // Slow enough that the two dispatchers' rounds overlap.
        _receiver.Answer = _ => Task.Delay(5);

        var sentByA = 0;
        var sentByB = 0;
        async Task Drain(DispatchRig rig, Action<int> add)
        {
            int n;
            while ((n = await rig.Dispatcher.RunOnceAsync(CancellationToken.None)) > 0) add(n);
        }
        await Task.WhenAll(
            Drain(a, n => Interlocked.Add(ref sentByA, n)),
            Drain(b, n => Interlocked.Add(ref sentByB, n)));

        Assert.Equal(200, sentByA + sentByB);
        Assert.True(sentByA > 0 && sentByB > 0, $"A sent {sentByA}, B sent {sentByB}: both must have worked");
        Assert.Equal(messages.Order(), _receiver.Requests.Select(r => r.Id).Order());
        Assert.Equal(1, _receiver.MaxInFlightForOneId);
        await using var db = await a.DbAsync();
        Assert.All(db.Deliveries, d => Assert.Equal(DeliveryStatus.Succeeded, d.Status));
    }
}
