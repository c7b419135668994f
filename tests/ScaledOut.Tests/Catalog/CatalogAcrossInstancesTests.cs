using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.Contracts.Products;
using BffPlatform.ScaledOut.Tests.Backup;

namespace BffPlatform.ScaledOut.Tests.Catalog;

/// <summary>
/// core-api's catalog cache with two instances: each serves reads from its cache (a change made
/// behind the API's back stays unseen), yet a price changed through one and stock sold through the
/// other are what both serve on their very next read. Redis down: both read PostgreSQL and report
/// not ready; Redis back: both cache again and invalidation works again, no restart.
/// </summary>
public sealed class CatalogAcrossInstancesTests(CatalogPair pair) : IClassFixture<CatalogPair>
{
    private CoreApiOnPostgres[] Both => [pair.A, pair.B];

    [Fact]
    public async Task A_price_changed_through_one_and_a_sale_through_the_other_are_served_by_both_at_once()
    {
        var category = $"Pair-{Guid.NewGuid():N}";
        var product = await CreateAsync(category, "Kettle", 20m, stock: 10);
        await AssertBothServeAsync(product.Id, category, "Kettle", 20m, 10);
        // Cached on both: a change behind the API's back is not seen by either.
        await SneakAsync(product.Id, "Behind the back");
        await AssertBothServeAsync(product.Id, category, "Kettle", 20m, 10);

        await ChangeAsync(pair.A, product.Id, price: 24.5m);
        await AssertBothServeAsync(product.Id, category, "Behind the back", 24.5m, 10);

        var order = await pair.B.Customer("pair-buyer").SendAsync(OrderOf(product.Id, 3));
        Assert.True(order.StatusCode == HttpStatusCode.Created, await order.Content.ReadAsStringAsync());
        await AssertBothServeAsync(product.Id, category, "Behind the back", 24.5m, 7);
    }

    [Fact]
    public async Task Redis_down_both_read_PostgreSQL_and_when_it_returns_they_cache_and_invalidate_again()
    {
        var category = $"Pair-{Guid.NewGuid():N}";
        var product = await CreateAsync(category, "Lamp", 30m, stock: 5);
        await AssertBothServeAsync(product.Id, category, "Lamp", 30m, 5);

        await pair.Redis.StopAsync();
        try
        {
            foreach (var api in Both)
            {
                await WaitForReadyAsync(api, HttpStatusCode.ServiceUnavailable);
            }
            // A change nobody can be told of, and one behind the API's back: both seen at once (from PostgreSQL).
            await ChangeAsync(pair.A, product.Id, price: 31m);
            await AssertBothServeAsync(product.Id, category, "Lamp", 31m, 5);
            await SneakAsync(product.Id, "Lamp (sneaked)");
            await AssertBothServeAsync(product.Id, category, "Lamp (sneaked)", 31m, 5);
        }
        finally
        {
            await pair.Redis.StartAsync();
        }

        foreach (var api in Both)
        {
            await WaitForReadyAsync(api, HttpStatusCode.OK);
            await WaitUntilCachedAsync(api, product.Id);
        }
        var name = await ChangeAsync(pair.A, product.Id, price: 32m);
        await AssertBothServeAsync(product.Id, category, name, 32m, 5);
        var order = await pair.B.Customer("pair-buyer-2").SendAsync(OrderOf(product.Id, 2));
        Assert.True(order.StatusCode == HttpStatusCode.Created, await order.Content.ReadAsStringAsync());
        await AssertBothServeAsync(product.Id, category, name, 32m, 3);
    }

    private async Task<ProductDto> CreateAsync(string category, string name, decimal price, int stock)
    {
        var response = await pair.A.Staff("pair-staff").PostAsJsonAsync("/api/v1/products",
            new CreateProductRequest($"P-{Guid.NewGuid():N}"[..20], name, "For the pair.", category, price, "EUR", stock));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ProductDto>())!;
    }

    /// <summary>A staff edit of the price through <paramref name="api"/>, on the product as the database holds it; the name it keeps.</summary>
    private async Task<string> ChangeAsync(CoreApiOnPostgres api, Guid id, decimal price)
    {
        var row = (await pair.Postgres.PsqlAsync(CatalogPair.Database,
            $"SELECT \"Name\" || '|' || \"Category\" || '|' || \"Stock\" || '|' || \"Version\" FROM products WHERE \"Id\" = '{id}'")).Trim().Split('|');
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/products/{id}")
        {
            Content = JsonContent.Create(new UpdateProductRequest(row[0], "For the pair.", row[1], price, "EUR", int.Parse(row[2], CultureInfo.InvariantCulture), true)),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{row[3]}\"");
        var response = await api.Staff("pair-staff").SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return row[0];
    }

    private Task SneakAsync(Guid id, string name) =>
        pair.Postgres.PsqlAsync(CatalogPair.Database, $"UPDATE products SET \"Name\" = '{name}', \"Version\" = \"Version\" + 1 WHERE \"Id\" = '{id}'");

    private async Task AssertBothServeAsync(Guid id, string category, string name, decimal price, int stock)
    {
        foreach (var api in Both)
        {
            var read = await ReadAsync(api, id);
            Assert.Equal((name, price, stock), (read.Name, read.Price.Amount, read.Stock));
            var page = await api.Customer("pair-reader").GetFromJsonAsync<Page<ProductDto>>($"/api/v1/products?category={category}");
            var listed = Assert.Single(page!.Items);
            Assert.Equal((name, price, stock), (listed.Name, listed.Price.Amount, listed.Stock));
        }
    }

    private static async Task<ProductDto> ReadAsync(CoreApiOnPostgres api, Guid id) =>
        (await api.Customer("pair-reader").GetFromJsonAsync<ProductDto>($"/api/v1/products/{id}"))!;

    private static HttpRequestMessage OrderOf(Guid productId, int quantity)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = JsonContent.Create(new CreateOrderRequest([new CreateOrderLine(productId, quantity)])),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return request;
    }

    private static async Task WaitForReadyAsync(CoreApiOnPostgres api, HttpStatusCode expected)
    {
        using var http = new HttpClient { BaseAddress = new Uri(api.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpStatusCode last;
        while ((last = (await http.GetAsync("/health/ready")).StatusCode) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"/health/ready answered {(int)last}, not {(int)expected}.\n{api.Tail()}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Polls until <paramref name="api"/> serves the product from its cache again (it catches up in
    /// the background once Redis answers): a change behind the API's back is then not seen.
    /// </summary>
    private async Task WaitUntilCachedAsync(CoreApiOnPostgres api, Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var before = (await ReadAsync(api, id)).Name;
            await SneakAsync(id, before + "*");
            if ((await ReadAsync(api, id)).Name == before)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"core-api at {api.BaseUrl} never cached again.\n{api.Tail()}");
            await Task.Delay(100);
        }
    }
}
