using System.Net.Http.Json;
using BffPlatform.Contracts.Products;

namespace BffPlatform.CoreApi.Tests.Infrastructure;

/// <summary>Arranging catalog data through the API, as staff.</summary>
public static class ProductRequests
{
    private static int _counter;

    public static CreateProductRequest NewProduct(string? sku = null, string category = "Test", decimal price = 10.50m, int stock = 5, string? name = null)
    {
        var n = Interlocked.Increment(ref _counter);
        return new CreateProductRequest(sku ?? $"T-{n:D5}", name ?? $"Test product {n:D5}", "A product for tests.", category, price, "EUR", stock);
    }

    public static async Task<(ProductDto Product, string ETag)> CreateAsync(this HttpClient staff, CreateProductRequest request)
    {
        var response = await staff.PostAsJsonAsync("/api/v1/products", request);
        var product = await response.ReadJsonAsync<ProductDto>();
        return (product, response.Headers.ETag!.ToString());
    }

    public static UpdateProductRequest ToUpdate(this ProductDto p) =>
        new(p.Name, p.Description, p.Category, p.Price.Amount, p.Price.Currency, p.Stock, p.Active);

    public static HttpRequestMessage Put(Guid id, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/products/{id}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    public static HttpRequestMessage Delete(Guid id, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/products/{id}");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    public static HttpRequestMessage Get(Guid id, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/products/{id}");
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return request;
    }
}
