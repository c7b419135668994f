using System.Collections.Concurrent;
using System.Diagnostics;
using BffPlatform.PublicApi.Webhooks.Data;
using BffPlatform.PublicApi.Webhooks.Dispatch;
using BffPlatform.Testing.Webhooks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace BffPlatform.PublicApi.Tests.Webhooks;

/// <summary>
/// A delivery continues the trace stored with its message (the order change's, from core-api's outbox):
/// its <c>traceparent</c> carries that trace id with a span of the dispatcher's, and the tracestate goes
/// with it, whether or not this process records traces. A message without a context, or with one that
/// does not parse, is delivered all the same.
/// </summary>
public sealed class DeliveryTraceTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("webhooks-trace-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private readonly WebhookReceiver _receiver = new();
    private DispatchRig _rig = null!;
    private Guid _endpoint;

    public async Task InitializeAsync()
    {
        await _receiver.StartAsync();
        _rig = new DispatchRig(_directory, _time);
        await _rig.MigrateAsync();
        (_endpoint, _) = await _rig.AddEndpointAsync(_receiver.Url);
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _rig.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<(Received Received, WebhookDelivery Delivery)> SendAsync(string? traceParent, string? traceState = null)
    {
        var message = (await _rig.QueueAsync(_endpoint, 1, traceParent, traceState))[0];
        Assert.Equal(1, await _rig.Dispatcher.RunOnceAsync(CancellationToken.None));
        return (Assert.Single(_receiver.Requests, r => r.Id == message), await _rig.DeliveryAsync(message));
    }

    [Fact]
    public async Task A_delivery_carries_the_stored_trace_id_in_a_span_of_its_own()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var orderSpan = ActivitySpanId.CreateRandom().ToHexString();

        var (received, delivery) = await SendAsync($"00-{traceId}-{orderSpan}-01");

        Assert.Equal(DeliveryStatus.Succeeded, delivery.Status);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", received.TraceParent);
        Assert.Equal(traceId, received.TraceId);
        Assert.NotEqual(orderSpan, received.TraceParent.Split('-')[2]);
    }

    [Fact]
    public async Task The_stored_tracestate_goes_with_it()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var message = (await _rig.QueueAsync(_endpoint, 1, $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01", "partner=abc"))[0];
        string? traceState = null;
        _receiver.Answer = c => { traceState = c.Request.Headers["tracestate"].ToString(); return Task.CompletedTask; };

        await _rig.Dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.Equal(traceId, Assert.Single(_receiver.Requests, r => r.Id == message).TraceId);
        Assert.Equal("partner=abc", traceState);
    }

    [Fact]
    public async Task Where_traces_are_recorded_the_delivery_span_is_a_child_of_the_stored_context()
    {
        var stopped = new ConcurrentQueue<Activity>();
        // What ServiceDefaults' tracing does when a collector is configured: listen to the application's source.
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == DeliveryTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var orderSpan = ActivitySpanId.CreateRandom().ToHexString();

        var (received, _) = await SendAsync($"00-{traceId}-{orderSpan}-01", "partner=abc");

        // Other tests' dispatchers may run meanwhile: this message's span only.
        var span = Assert.Single(stopped, a => a.GetTagItem("webhook.message.id") as string == received.Id);
        Assert.Equal(DeliveryTracing.ActivityName, span.OperationName);
        Assert.Equal(ActivityKind.Producer, span.Kind);
        Assert.Equal(traceId, span.TraceId.ToHexString());
        Assert.Equal(orderSpan, span.ParentSpanId.ToHexString());
        Assert.True(span.HasRemoteParent);
        Assert.Equal("partner=abc", span.TraceStateString);
        Assert.Equal(204, span.GetTagItem("http.response.status_code"));
        Assert.Equal(traceId, received.TraceId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-traceparent")]
    [InlineData("00-00000000000000000000000000000000-0000000000000000-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-and-more")]
    public async Task A_message_without_a_usable_context_is_delivered_in_a_trace_of_its_own(string? stored)
    {
        var (received, delivery) = await SendAsync(stored);

        Assert.Equal(DeliveryStatus.Succeeded, delivery.Status);
        Assert.Equal(204, delivery.LastStatusCode);
        // Nothing of the stored value is sent on: no header, or the dispatcher's own trace.
        if (stored is { Length: > 0 })
        {
            Assert.DoesNotContain(stored, received.TraceParent, StringComparison.Ordinal);
        }
        Assert.NotEqual("00000000000000000000000000000000", received.TraceId);
    }
}
