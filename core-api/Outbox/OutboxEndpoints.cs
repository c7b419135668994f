using System.Text.Json;
using System.Text.RegularExpressions;
using BffPlatform.Contracts.Outbox;
using BffPlatform.CoreApi.Authentication;
using BffPlatform.CoreApi.Data;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Outbox;

/// <summary>
/// Outbox consumption (services with <c>outbox.read</c>, or staff). Each consumer gets the
/// events IT has not acknowledged, oldest first. Delivery is at least once: an event is
/// delivered until acknowledged, so consumers dedupe by event id (or by aggregate version).
/// Nothing here relies on a "highest id seen": ids are assigned at insert and may commit out of order.
/// </summary>
public static partial class OutboxEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex ConsumerPattern();

    public static RouteGroupBuilder MapOutbox(this IEndpointRouteBuilder api)
    {
        var outbox = api.MapGroup("/outbox/events").WithTags("Outbox").RequireAuthorization(Policies.OutboxRead);

        outbox.MapGet("/", Pending)
            .WithName("GetPendingOutboxEvents")
            .WithSummary($"Events the consumer has not acknowledged, oldest first (limit default {DefaultLimit}, at most {MaxLimit}).")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        outbox.MapPost("/ack", Acknowledge)
            .WithName("AcknowledgeOutboxEvents")
            .WithSummary("Mark events as processed by the consumer; acknowledging again is harmless.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        return outbox;
    }

    private static string? ConsumerError(string? consumer) =>
        string.IsNullOrEmpty(consumer) ? "Required: the consumer's name."
        : consumer.Length > OutboxDeliveryConfiguration.ConsumerMaxLength ? $"At most {OutboxDeliveryConfiguration.ConsumerMaxLength} characters."
        : !ConsumerPattern().IsMatch(consumer) ? "Letters, digits, '.', '_' and '-' only, starting with a letter or digit."
        : null;

    private static async Task<Results<Ok<IReadOnlyList<OutboxEventDto>>, ProblemHttpResult>> Pending(
        string? consumer, int? limit, CoreDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (ConsumerError(consumer) is { } consumerError) errors["consumer"] = [consumerError];
        if (limit is < 1 or > MaxLimit) errors["limit"] = [$"Must be between 1 and {MaxLimit}."];
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }
        var rows = await db.OutboxEvents.AsNoTracking()
            .Where(e => !db.OutboxDeliveries.Any(d => d.Consumer == consumer && d.EventId == e.Id))
            .OrderBy(e => e.Id)
            .Take(limit ?? DefaultLimit)
            .ToListAsync(cancellationToken);
        IReadOnlyList<OutboxEventDto> events = rows
            .Select(e => new OutboxEventDto(e.Id, e.Type, e.AggregateId, e.AggregateVersion, e.OccurredAt, ParseData(e.Data), e.TraceParent, e.TraceState))
            .ToList();
        return TypedResults.Ok(events);
    }

    private static JsonElement ParseData(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Acknowledge(
        AcknowledgeEventsRequest request, CoreDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (ConsumerError(request.Consumer) is { } consumerError) errors["consumer"] = [consumerError];
        if (request.EventIds.Count == 0) errors["eventIds"] = ["At least one event id."];
        else if (request.EventIds.Count > MaxLimit) errors["eventIds"] = [$"At most {MaxLimit} per request."];
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var ids = request.EventIds.Distinct().ToList();
        // A concurrent ack of the same consumer may insert some of them first: the next attempt recomputes.
        return await RaceRetry.RunAsync<Results<NoContent, ProblemHttpResult>>(db, async ct =>
        {
            var known = await db.OutboxEvents.Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
            // Acknowledging an id that never existed is a consumer bug worth hearing about.
            if (known.Count != ids.Count)
            {
                var unknown = ids.Except(known).Take(10);
                return Problem.Validation("eventIds", $"Unknown event ids: {string.Join(", ", unknown)}.");
            }
            var acked = await db.OutboxDeliveries
                .Where(d => d.Consumer == request.Consumer && ids.Contains(d.EventId))
                .Select(d => d.EventId)
                .ToListAsync(ct);
            var now = time.GetUtcNow();
            db.OutboxDeliveries.AddRange(ids.Except(acked).Select(id => new OutboxDelivery { Consumer = request.Consumer, EventId = id, AckedAt = now }));
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }, cancellationToken);
    }
}
