namespace BffPlatform.Contracts.Outbox;

/// <summary>
/// An event from core-api's outbox. <see cref="Data"/> is the event's JSON payload; <see cref="TraceParent"/>
/// and <see cref="TraceState"/> are the W3C trace context of the request that made the change (null when
/// there was none), for the consumer to continue that trace.
/// </summary>
public sealed record OutboxEventDto(
    long Id,
    string Type,
    Guid AggregateId,
    long AggregateVersion,
    DateTimeOffset OccurredAt,
    System.Text.Json.JsonElement Data,
    string? TraceParent = null,
    string? TraceState = null);

/// <summary>A consumer marks the events it processed; unmarked ones are delivered again.</summary>
public sealed record AcknowledgeEventsRequest(string Consumer, IReadOnlyList<long> EventIds);
