using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BffPlatform.Contracts.Orders;
using BffPlatform.Contracts.Products;

namespace BffPlatform.Faults.Tests.Infrastructure;

/// <summary>
/// core-api called directly as the internal-tools service (client credentials from the real
/// identity): it creates the products a test needs and places orders, as any internal team would.
/// </summary>
public sealed class CoreCalls(string identityUrl, string coreApiUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(coreApiUrl), Timeout = TimeSpan.FromSeconds(90) };

    /// <summary>The platform's own core-api.</summary>
    public CoreCalls(FaultPlatform platform) : this(platform.IdentityUrl, platform.CoreApi.BaseUrl)
    {
    }

    public HttpClient Http => _http;

    public async Task AuthenticateAsync()
    {
        using var identity = new HttpClient();
        using var response = await identity.PostAsync(identityUrl + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "internal-tools",
            ["client_secret"] = "internal-tools-dev-secret",
            ["scope"] = "core-api catalog.read catalog.write orders.read orders.write",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonNode.Parse(body)!["access_token"]!.GetValue<string>());
    }

    /// <summary>A new product of its own with <paramref name="stock"/> items, so no other test touches its stock.</summary>
    public async Task<Guid> CreateProductAsync(int stock)
    {
        var sku = "FLT-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        using var response = await _http.PostAsJsonAsync("/api/v1/products",
            new CreateProductRequest(sku, "Fault test " + sku, null, "Faults", 9.50m, "EUR", stock));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"creating a product answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["id"]!.GetValue<Guid>();
    }

    public async Task<int> StockOfAsync(Guid product)
    {
        using var response = await _http.GetAsync($"/api/v1/products/{product}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["stock"]!.GetValue<int>();
    }

    /// <summary>An order of <paramref name="quantity"/> of one product under <paramref name="idempotencyKey"/>.</summary>
    public Task<HttpResponseMessage> PlaceOrderAsync(Guid product, int quantity, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = JsonContent.Create(new CreateOrderRequest([new CreateOrderLine(product, quantity)])),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return _http.SendAsync(request, cancellationToken);
    }

    public void Dispose() => _http.Dispose();
}
