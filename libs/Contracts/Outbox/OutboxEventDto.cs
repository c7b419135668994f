namespace BffPlatform.Contracts.Outbox;

/// <summary>An event from core-api's outbox. <see cref="Data"/> is the event's JSON payload.</summary>
public sealed record OutboxEventDto(
    long Id,
    string Type,
    Guid AggregateId,
    long AggregateVersion,
    DateTimeOffset OccurredAt,
    System.Text.Json.JsonElement Data);

/// <summary>A consumer marks the events it processed; unmarked ones are delivered again.</summary>
public sealed record AcknowledgeEventsRequest(string Consumer, IReadOnlyList<long> EventIds);
