using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Webhooks.Dispatch;

/// <summary>
/// One dispatch round: claim up to <c>MaxConcurrentSends</c> due deliveries, send them side by side,
/// record the outcomes. A failing receiver costs its own deliveries a retry, never the others a wait
/// beyond one request timeout. Several dispatchers (instances) share the work through the leases.
/// </summary>
internal sealed class WebhookDispatcher(DeliveryLeases leases, DeliverySender sender, DeliveryRecorder recorder, IOptions<WebhookOptions> options)
{
    /// <summary>The number of deliveries sent this round.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await leases.ClaimAsync(options.Value.MaxConcurrentSends, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }
        var results = await Task.WhenAll(claimed.Select(async d =>
        {
            // Each send in its own async flow: the activity is current for its request only.
            using var activity = DeliveryTracing.Start(d);
            var started = Stopwatch.GetTimestamp();
            var result = await sender.SendAsync(d, cancellationToken);
            DeliveryTracing.Finish(activity, result);
            return (d, result with { Duration = Stopwatch.GetElapsedTime(started) });
        }));
        // Recorded even while stopping: what was sent must not be sent again after a clean restart.
        await recorder.RecordAsync(results, CancellationToken.None);
        return claimed.Count;
    }
}
