using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using BffPlatform.Contracts.Common;
using BffPlatform.PublicApi.Idempotency;
using BffPlatform.PublicApi.Webhooks.Data;
using BffPlatform.PublicApi.Webhooks.Events;
using BffPlatform.ServiceDefaults.Problems;
using BffPlatform.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.PublicApi.Webhooks.Api;

/// <summary>An endpoint's delivery log (newest first, cursor-paged, every attempt of each), redelivery on request, and a test event.</summary>
internal static class WebhookDeliveriesApi
{
    public static RouteGroupBuilder MapWebhookDeliveryRoutes(this RouteGroupBuilder endpoints, string version)
    {
        endpoints.MapGet("/{id:guid}/deliveries", ListAsync).WithName($"ListWebhookDeliveries.{version}")
            .WithSummary($"The endpoint's deliveries, newest first (limit default {PagingLimits.DefaultPageSize}, at most {PagingLimits.MaxPageSize}).");
        endpoints.MapGet("/{id:guid}/deliveries/{deliveryId:long}/attempts", AttemptsAsync).WithName($"ListWebhookDeliveryAttempts.{version}")
            .WithSummary("Every attempt of one delivery, oldest first (kept for the retention period).");
        endpoints.MapPost("/{id:guid}/deliveries/{deliveryId:long}/redeliver", RedeliverAsync).WithName($"RedeliverWebhook.{version}")
            .WithStoredIdempotency("webhooks.deliveries.redeliver")
            .WithSummary("Send a finished delivery's message again (same webhook-id), as a new delivery.");
        endpoints.MapPost("/{id:guid}/test", SendTestAsync).WithName($"SendTestWebhook.{version}")
            .WithStoredIdempotency("webhooks.test")
            .WithSummary("Queue a webhook.test.v1 event to this endpoint, signed like any other.");
        return endpoints;
    }

    private static async Task<Results<Ok<Page<WebhookDeliveryDto>>, ProblemHttpResult>> ListAsync(
        Guid id, string? cursor, int? limit, ClaimsPrincipal user, WebhookDbContext db, CancellationToken cancellationToken)
    {
        if (WebhookCaller.From(user) is not { } caller) return WebhookEndpointsApi.NoCaller();
        var size = limit ?? PagingLimits.DefaultPageSize;
        if (size is < 1 or > PagingLimits.MaxPageSize)
        {
            return Problem.Validation("limit", $"Must be between 1 and {PagingLimits.MaxPageSize}.");
        }
        if (!TryDecode(cursor, out var before))
        {
            return Problem.Of(StatusCodes.Status400BadRequest, ErrorCodes.InvalidCursor, "The cursor is not one this API gave out.");
        }
        if (!await db.Owned(caller).AnyAsync(e => e.Id == id, cancellationToken)) return WebhookEndpointsApi.EndpointNotFound();
        var rows = await db.Deliveries.AsNoTracking()
            .Where(d => d.EndpointId == id && d.Id < before)
            .OrderByDescending(d => d.Id)
            .Take(size + 1)
            .Select(d => new WebhookDeliveryDto(
                d.Id, d.MessageId, d.Message!.Type, d.Status, d.Attempts,
                d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null,
                d.LastAttemptAt, d.LastStatusCode, d.LastError, d.CreatedAt, d.CompletedAt))
            .ToListAsync(cancellationToken);
        var next = rows.Count > size ? Encode(rows[size - 1].Id) : null;
        return TypedResults.Ok(new Page<WebhookDeliveryDto>(rows.Take(size).ToList(), next));
    }

    private static async Task<Results<Ok<IReadOnlyList<WebhookDeliveryAttemptDto>>, ProblemHttpResult>> AttemptsAsync(
        Guid id, long deliveryId, ClaimsPrincipal user, WebhookDbContext db, CancellationToken cancellationToken)
    {
        if (WebhookCaller.From(user) is not { } caller) return WebhookEndpointsApi.NoCaller();
        if (!await db.Owned(caller).AnyAsync(e => e.Id == id, cancellationToken)) return WebhookEndpointsApi.EndpointNotFound();
        if (!await db.Deliveries.AnyAsync(d => d.Id == deliveryId && d.EndpointId == id, cancellationToken)) return Problem.NotFound("The delivery");
        IReadOnlyList<WebhookDeliveryAttemptDto> attempts = await db.DeliveryAttempts.AsNoTracking()
            .Where(a => a.DeliveryId == deliveryId)
            .OrderBy(a => a.Id)
            .Select(a => new WebhookDeliveryAttemptDto(a.Number, a.AttemptedAt, a.StatusCode, a.Succeeded, a.Error, a.DurationMs))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(attempts);
    }

    private static async Task<Results<Accepted<WebhookDeliveryDto>, ProblemHttpResult>> RedeliverAsync(
        Guid id, long deliveryId, ClaimsPrincipal user, WebhookDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (WebhookCaller.From(user) is not { } caller) return WebhookEndpointsApi.NoCaller();
        var endpoint = await db.Owned(caller).AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null) return WebhookEndpointsApi.EndpointNotFound();
        var original = await db.Deliveries.AsNoTracking().Include(d => d.Message)
            .FirstOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == id, cancellationToken);
        if (original is null) return Problem.NotFound("The delivery");
        if (original.Status == DeliveryStatus.Pending)
        {
            return Problem.Of(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "The delivery is still being delivered.",
                "It is tried again on its schedule; redeliver it once it has succeeded or failed.");
        }
        if (Disabled(endpoint) is { } disabled) return disabled;
        var now = time.GetUtcNow();
        var delivery = Queue(db, original.MessageId, id, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted((string?)null, Dto(delivery, original.Message!.Type));
    }

    private static async Task<Results<Accepted<TestEventQueuedDto>, ProblemHttpResult>> SendTestAsync(
        Guid id, ClaimsPrincipal user, WebhookDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (WebhookCaller.From(user) is not { } caller) return WebhookEndpointsApi.NoCaller();
        var endpoint = await db.Owned(caller).AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null) return WebhookEndpointsApi.EndpointNotFound();
        if (Disabled(endpoint) is { } disabled) return disabled;
        var now = time.GetUtcNow();
        // The partner's request is what the test event tells of: its delivery continues that trace.
        var trace = StoredTraceContext.Current;
        var message = new WebhookMessage
        {
            Id = WebhookMessageIds.New(time),
            PartnerId = caller.PartnerId,
            Environment = caller.Environment,
            Type = WebhookEventTypes.Test,
            CreatedAt = now,
            TraceParent = trace?.TraceParent,
            TraceState = trace?.TraceState,
        };
        message.Payload = WebhookJson.Serialize(new WebhookEnvelope<TestEventData>(
            message.Id, WebhookEventTypes.Test, now, caller.Environment, new TestEventData(id, "A test event from BffPlatform.")));
        db.Messages.Add(message);
        var delivery = Queue(db, message.Id, id, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted((string?)null, new TestEventQueuedDto(message.Id, delivery.Id));
    }

    private static ProblemHttpResult? Disabled(WebhookEndpoint endpoint) => endpoint.Enabled ? null
        : Problem.Of(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "The webhook endpoint is disabled.",
            (endpoint.DisabledReason ?? "It was disabled.") + " Enable it first (PATCH enabled: true).");

    private static WebhookDelivery Queue(WebhookDbContext db, string messageId, Guid endpointId, DateTimeOffset now)
    {
        var delivery = new WebhookDelivery
        {
            MessageId = messageId,
            EndpointId = endpointId,
            Status = DeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
        db.Deliveries.Add(delivery);
        return delivery;
    }

    private static WebhookDeliveryDto Dto(WebhookDelivery d, string type) => new(
        d.Id, d.MessageId, type, d.Status, d.Attempts, d.NextAttemptAt, d.LastAttemptAt, d.LastStatusCode, d.LastError, d.CreatedAt, d.CompletedAt);

    private static string Encode(long id) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(id.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecode(string? cursor, out long before)
    {
        before = long.MaxValue;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }
        try
        {
            return cursor.Length <= 32
                && long.TryParse(Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor)), NumberStyles.None, CultureInfo.InvariantCulture, out before)
                && before > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
