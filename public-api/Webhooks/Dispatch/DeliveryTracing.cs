using System.Diagnostics;
using BffPlatform.ServiceDefaults.Telemetry;

namespace BffPlatform.PublicApi.Webhooks.Dispatch;

/// <summary>
/// The span of one delivery attempt, in the trace of the order change it tells of. The instrumented
/// HttpClient sends the current activity as the request's <c>traceparent</c>, so the receiver sees the
/// order's trace id: a partner that placed the order with a <c>traceparent</c> of its own finds the
/// webhook in that same trace.
/// </summary>
internal static class DeliveryTracing
{
    public const string ActivityName = "webhook deliver";

    // The source ServiceDefaults' tracing listens to (the application's name): exported with the service's other spans.
    private static readonly ActivitySource Source = new(typeof(DeliveryTracing).Assembly.GetName().Name!);

    public static string SourceName => Source.Name;

    /// <summary>Starts the attempt's activity (dispose it when the attempt is over); null when nothing is traced and no context was stored.</summary>
    public static Activity? Start(ClaimedDelivery delivery)
    {
        var order = StoredTraceContext.Parse(delivery.TraceParent, delivery.TraceState);
        // A child of the change, not a link from a trace of the dispatcher's own: only a child puts the
        // order's trace id in the receiver's traceparent (the point, for a partner), and every attempt,
        // retries hours later included, sits under the change that caused it. A message without a stored
        // context (older than the column) starts a trace of its own, as before.
        var activity = Source.StartActivity(ActivityName, ActivityKind.Producer, order?.ToActivityContext() ?? default);
        if (activity is null && order is not null)
        {
            // No listener here (no collector configured): an unrecorded activity still carries the
            // order's context into the request, so the receiver's trace id does not depend on our tracing.
            activity = new Activity(ActivityName).SetParentId(order.TraceParent);
            activity.TraceStateString = order.TraceState;
            activity.Start();
        }
        activity?.SetTag("webhook.message.id", delivery.MessageId)
            .SetTag("webhook.delivery.id", delivery.Id)
            .SetTag("webhook.endpoint.id", delivery.EndpointId)
            .SetTag("webhook.attempt", delivery.Attempts + 1);
        return activity;
    }

    /// <summary>The attempt's outcome on its activity.</summary>
    public static void Finish(Activity? activity, SendResult result)
    {
        if (activity is null)
        {
            return;
        }
        if (result.StatusCode is { } status)
        {
            activity.SetTag("http.response.status_code", status);
        }
        if (!result.Succeeded)
        {
            activity.SetStatus(ActivityStatusCode.Error, result.Error);
        }
    }
}
