using BffPlatform.Contracts.Outbox;
using Refit;

namespace BffPlatform.Contracts.Clients;

/// <summary>
/// Outbox consumption for services with <c>outbox.read</c>: each consumer gets the events it
/// has not acknowledged, oldest first, and acknowledges by id.
/// </summary>
public interface ICoreOutboxApi
{
    [Get("/api/v1/outbox/events")]
    Task<IApiResponse<IReadOnlyList<OutboxEventDto>>> GetPendingAsync([Query] string consumer, [Query] int? limit = null, CancellationToken cancellationToken = default);

    [Post("/api/v1/outbox/events/ack")]
    Task<IApiResponse> AcknowledgeAsync([Body] AcknowledgeEventsRequest request, CancellationToken cancellationToken = default);
}
