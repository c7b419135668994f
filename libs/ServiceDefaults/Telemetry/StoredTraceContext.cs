using System.Diagnostics;

namespace BffPlatform.ServiceDefaults.Telemetry;

/// <summary>
/// A W3C trace context (<c>traceparent</c>, <c>tracestate</c>) kept with work that goes on later in
/// another process: core-api's outbox event, public-api's webhook message. Whoever carries the work
/// on makes its span a child of it, so the work stays in the trace of the request that caused it.
/// </summary>
public sealed record StoredTraceContext(string TraceParent, string? TraceState)
{
    /// <summary>A version-00 <c>traceparent</c>: 00-32 hex-16 hex-2 hex.</summary>
    public const int TraceParentMaxLength = 55;

    /// <summary>What W3C Trace Context asks every vendor to propagate at least; a longer one is dropped, not cut.</summary>
    public const int TraceStateMaxLength = 512;

    /// <summary>The current activity's context; null outside one, or for an activity of the old hierarchical id format.</summary>
    public static StoredTraceContext? Current => From(Activity.Current);

    public static StoredTraceContext? From(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C, Id: { } id }
            ? new StoredTraceContext(id, Bounded(activity.TraceStateString))
            : null;

    /// <summary>A context read back (from a column, another service's JSON): null unless it is a valid W3C <c>traceparent</c> of at most <see cref="TraceParentMaxLength"/> characters.</summary>
    public static StoredTraceContext? Parse(string? traceParent, string? traceState) =>
        traceParent is { Length: TraceParentMaxLength } && ActivityContext.TryParse(traceParent, null, isRemote: true, out _)
            ? new StoredTraceContext(traceParent, Bounded(traceState))
            : null;

    /// <summary>The context as a remote parent (it was made in another process, or an earlier request) of a new activity.</summary>
    public ActivityContext ToActivityContext() =>
        ActivityContext.TryParse(TraceParent, TraceState, isRemote: true, out var context) ? context : default;

    private static string? Bounded(string? traceState) => traceState is { Length: > 0 and <= TraceStateMaxLength } ? traceState : null;
}
