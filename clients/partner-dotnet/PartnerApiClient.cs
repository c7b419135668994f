using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BffPlatform.PartnerClient;

/// <summary>The partner API over an <see cref="HttpClient"/> whose BaseAddress is public-api's (e.g. https://api.example.com/).</summary>
public static class PartnerApi
{
    /// <summary>v2 (current): money in minor units.</summary>
    public static PartnerApiClient<MinorUnitMoney> V2(HttpClient http, string apiKey) => new(http, apiKey, "v2");

    /// <summary>v1 (deprecated, sunset 2027-06-30): money as decimals.</summary>
    public static PartnerApiClient<DecimalMoney> V1(HttpClient http, string apiKey) => new(http, apiKey, "v1");
}

/// <summary>
/// One version of the partner API. Every write takes an idempotency key: send the same one when you
/// retry the same write, and you get the first answer again instead of a second order.
/// </summary>
public sealed class PartnerApiClient<TMoney>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue _key;
    private readonly string _base;

    internal PartnerApiClient(HttpClient http, string apiKey, string version)
    {
        _http = http;
        _key = new AuthenticationHeaderValue("Bearer", apiKey);
        _base = $"api/{version}/";
    }

    public Task<Ping> PingAsync(CancellationToken cancellationToken = default) => SendAsync<Ping>(HttpMethod.Get, "ping", null, null, cancellationToken);

    public Task<Page<Product<TMoney>>> ListProductsAsync(string? query = null, string? category = null, string? cursor = null, int? pageSize = null, CancellationToken cancellationToken = default) =>
        SendAsync<Page<Product<TMoney>>>(HttpMethod.Get, "products" + Query(("q", query), ("category", category), ("cursor", cursor), ("pageSize", pageSize?.ToString(System.Globalization.CultureInfo.InvariantCulture))), null, null, cancellationToken);

    public Task<Product<TMoney>> GetProductAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync<Product<TMoney>>(HttpMethod.Get, $"products/{id}", null, null, cancellationToken);

    public Task<Order<TMoney>> PlaceOrderAsync(NewOrder order, string idempotencyKey, CancellationToken cancellationToken = default) =>
        SendAsync<Order<TMoney>>(HttpMethod.Post, "orders", order, idempotencyKey, cancellationToken);

    public Task<Order<TMoney>> GetOrderAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync<Order<TMoney>>(HttpMethod.Get, $"orders/{id}", null, null, cancellationToken);

    public Task<Page<OrderSummary<TMoney>>> ListOrdersAsync(string? status = null, string? cursor = null, int? pageSize = null, CancellationToken cancellationToken = default) =>
        SendAsync<Page<OrderSummary<TMoney>>>(HttpMethod.Get, "orders" + Query(("status", status), ("cursor", cursor), ("pageSize", pageSize?.ToString(System.Globalization.CultureInfo.InvariantCulture))), null, null, cancellationToken);

    public Task<Order<TMoney>> CancelOrderAsync(Guid id, string idempotencyKey, CancellationToken cancellationToken = default) =>
        SendAsync<Order<TMoney>>(HttpMethod.Post, $"orders/{id}/cancel", null, idempotencyKey, cancellationToken);

    /// <summary>Registers a webhook receiver (needs webhooks:manage); a retry with the same key answers the same endpoint and secret.</summary>
    public Task<RegisteredWebhookEndpoint> RegisterWebhookAsync(NewWebhookEndpoint endpoint, string idempotencyKey, CancellationToken cancellationToken = default) =>
        SendAsync<RegisteredWebhookEndpoint>(HttpMethod.Post, "webhooks/endpoints", endpoint, idempotencyKey, cancellationToken);

    /// <summary>Queues a signed webhook.test.v1 event to the endpoint.</summary>
    public Task<TestWebhookQueued> SendTestWebhookAsync(Guid endpointId, string idempotencyKey, CancellationToken cancellationToken = default) =>
        SendAsync<TestWebhookQueued>(HttpMethod.Post, $"webhooks/endpoints/{endpointId}/test", null, idempotencyKey, cancellationToken);

    public Task<IReadOnlyList<UsageDay>> GetUsageAsync(DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<UsageDay>>(HttpMethod.Get, "usage" + Query(("from", from?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("to", to?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))), null, null, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, _base + path);
        request.Headers.Authorization = _key;
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (method == HttpMethod.Post) request.Content = JsonContent.Create(body ?? new object(), options: Json);
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await ReadProblemAsync(response, cancellationToken);
            throw new PartnerApiException(response.StatusCode, problem?["code"]?.GetValue<string>(), problem?["title"]?.GetValue<string>(),
                problem?["detail"]?.GetValue<string>(), response.Headers.RetryAfter?.Delta);
        }
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }

    private static async Task<JsonObject?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }
}
