using BffPlatform.Contracts.Common;
using BffPlatform.PublicApi.Webhooks.Data;
using BffPlatform.PublicApi.Webhooks.Events;
using BffPlatform.PublicApi.Webhooks.Http;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.PublicApi.Webhooks.Api;

internal static class WebhookRequestChecks
{
    public static async Task<ProblemHttpResult?> UrlAsync(string? url, WebhookOptions options, CancellationToken cancellationToken) =>
        await WebhookUrlCheck.RefusalAsync(url, options.AllowLoopbackReceivers, cancellationToken) is { } why
            ? Problem.Of(StatusCodes.Status400BadRequest, ErrorCodes.WebhookUrlInvalid, "The webhook URL cannot be used.", why)
            : null;

    /// <summary>The subscribed types, de-duplicated in catalogue order, or the problem with them.</summary>
    public static ProblemHttpResult? EventTypes(IReadOnlyList<string>? requested, out string joined)
    {
        joined = "";
        if (requested is null || requested.Count == 0)
        {
            return Problem.Validation("eventTypes", $"Name at least one of: {string.Join(", ", WebhookEventTypes.Subscribable)}.");
        }
        var unknown = requested.Where(t => !WebhookEventTypes.Subscribable.Contains(t)).ToList();
        if (unknown.Count > 0)
        {
            return Problem.Validation("eventTypes", $"Unknown event type(s): {string.Join(", ", unknown)}; known: {string.Join(", ", WebhookEventTypes.Subscribable)}.");
        }
        joined = string.Join(' ', WebhookEventTypes.Subscribable.Where(requested.Contains));
        return null;
    }

    public static ProblemHttpResult? Description(string? description) =>
        description is { Length: > WebhookEndpoint.DescriptionMaxLength }
            ? Problem.Validation("description", $"At most {WebhookEndpoint.DescriptionMaxLength} characters.")
            : null;
}
