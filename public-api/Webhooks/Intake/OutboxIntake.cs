using System.Text.Json;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Outbox;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Webhooks.Data;
using BffPlatform.PublicApi.Webhooks.Events;
using BffPlatform.ServiceDefaults.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Webhooks.Intake;

/// <summary>
/// One intake round: core-api's unacknowledged order events become messages and deliveries, saved
/// in one transaction, and only then are the events acknowledged. A crash between the two re-reads
/// them; the message's unique outbox event id makes the second reading a no-op.
/// </summary>
internal sealed partial class OutboxIntake(
    ICoreOutboxApi outbox,
    IDbContextFactory<WebhookDbContext> contexts,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<OutboxIntake> logger)
{
    /// <summary>The number of events read (and acknowledged).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var response = await outbox.GetPendingAsync(WebhookOptions.OutboxConsumer, options.Value.IntakeBatchSize, cancellationToken);
        using (response)
        {
            if (!response.IsSuccessStatusCode || response.Content is null)
            {
                throw new HttpRequestException($"core-api's outbox answered {(int?)response.StatusCode}.", response.Error, response.StatusCode);
            }
            var events = response.Content;
            if (events.Count == 0)
            {
                return 0;
            }
            await RecordAsync(events, cancellationToken);
            var ack = await outbox.AcknowledgeAsync(new AcknowledgeEventsRequest(WebhookOptions.OutboxConsumer, events.Select(e => e.Id).ToList()), cancellationToken);
            using (ack)
            {
                if (!ack.IsSuccessStatusCode)
                {
                    // Recorded but not acknowledged: the next round reads them again and skips them.
                    throw new HttpRequestException($"core-api refused the acknowledgement with {(int?)ack.StatusCode}.", ack.Error, ack.StatusCode);
                }
            }
            return events.Count;
        }
    }

    private async Task RecordAsync(IReadOnlyList<OutboxEventDto> events, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = events.Select(e => (long?)e.Id).ToList();
        var known = (await db.Messages.Where(m => ids.Contains(m.OutboxEventId)).Select(m => m.OutboxEventId).ToListAsync(cancellationToken)).ToHashSet();
        var endpoints = new Dictionary<(Guid, string), List<WebhookEndpoint>>();
        var now = time.GetUtcNow();
        foreach (var e in events)
        {
            if (known.Contains(e.Id) || WebhookEventTypes.FromOutbox(e.Type) is not { } type || Read(e) is not { } data)
            {
                continue;
            }
            if (!data.Order.CustomerId.StartsWith(PartnerHeaders.CustomerPrefix, StringComparison.Ordinal)
                || !Guid.TryParse(data.Order.CustomerId.AsSpan(PartnerHeaders.CustomerPrefix.Length), out var partnerId))
            {
                // Not a partner's order: no partner gets it.
                continue;
            }
            var environment = data.Order.Test ? PartnerEnvironments.Test : PartnerEnvironments.Live;
            if (!endpoints.TryGetValue((partnerId, environment), out var candidates))
            {
                candidates = await db.Endpoints.AsNoTracking()
                    .Where(x => x.PartnerId == partnerId && x.Environment == environment && x.Enabled)
                    .ToListAsync(cancellationToken);
                endpoints[(partnerId, environment)] = candidates;
            }
            var subscribed = candidates.Where(x => x.EventTypeList.Contains(type)).ToList();
            if (subscribed.Count == 0)
            {
                continue;
            }
            // Checked, not trusted: a malformed context is dropped (the event still delivers), never stored.
            var trace = StoredTraceContext.Parse(e.TraceParent, e.TraceState);
            var message = new WebhookMessage
            {
                Id = WebhookMessageIds.New(time),
                OutboxEventId = e.Id,
                PartnerId = partnerId,
                Environment = environment,
                Type = type,
                CreatedAt = now,
                TraceParent = trace?.TraceParent,
                TraceState = trace?.TraceState,
            };
            message.Payload = WebhookJson.Serialize(new WebhookEnvelope<OrderEventData>(
                message.Id, type, e.OccurredAt, environment, new OrderEventData(WebhookOrder.From(data.Order), data.PreviousStatus)));
            db.Messages.Add(message);
            foreach (var endpoint in subscribed)
            {
                db.Deliveries.Add(new WebhookDelivery
                {
                    MessageId = message.Id,
                    EndpointId = endpoint.Id,
                    Status = DeliveryStatus.Pending,
                    NextAttemptAt = now,
                    CreatedAt = now,
                });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private OutboxOrderData? Read(OutboxEventDto e)
    {
        try
        {
            return e.Data.Deserialize<OutboxOrderData>(WebhookJson.Read);
        }
        catch (JsonException ex)
        {
            // It can never be read: acknowledged with the rest, so it does not block the events after it.
            LogUnreadable(logger, e.Id, e.Type, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox event {EventId} ({Type}) has a payload public-api cannot read; skipped: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, long eventId, string type, string reason);
}
