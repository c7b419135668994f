using System.Net.Http.Json;

namespace BffPlatform.Security.Tests.Api7;

/// <summary>
/// Registers a webhook endpoint and sends it a test event the way a partner must since public-api's webhook POSTs require an
/// <c>Idempotency-Key</c>: without one every case would stop at 400 idempotency_key_missing and
/// never reach the URL check it means to attack.
/// </summary>
internal static class WebhookRegistration
{
    public static Task<HttpResponseMessage> RegisterEndpointAsync(this HttpClient api, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/webhooks/endpoints")
        {
            Content = JsonContent.Create(new { url, eventTypes = new[] { "order.created.v1" } }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return api.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SendTestEventAsync(this HttpClient api, string endpoint)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v2/webhooks/endpoints/{endpoint}/test");
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return api.SendAsync(request);
    }
}
