namespace BffPlatform.CoreApi.Outbox;

/// <summary>
/// An order event written in the same transaction as the change it describes. Ids are
/// assigned by the database and may commit out of order, so consumers track acknowledgements
/// (<see cref="OutboxDelivery"/>), never "the highest id seen".
/// </summary>
public sealed class OutboxEvent
{
    public long Id { get; set; }
    public required string Type { get; set; }
    public Guid AggregateId { get; set; }
    public long AggregateVersion { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>The event's JSON payload.</summary>
    public required string Data { get; set; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the request that made the change (null outside one), carried to
    /// the outbox's consumers so that what they do with the event (webhook deliveries) continues its trace.
    /// </summary>
    public string? TraceParent { get; set; }

    /// <summary>The <c>tracestate</c> that came with <see cref="TraceParent"/>, if any.</summary>
    public string? TraceState { get; set; }
}

/// <summary>A consumer's acknowledgement of one event.</summary>
public sealed class OutboxDelivery
{
    public required string Consumer { get; set; }
    public long EventId { get; set; }
    public DateTimeOffset AckedAt { get; set; }
}
