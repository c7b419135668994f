using System.Net;
using System.Net.Http.Json;
using System.Text;
using BffPlatform.Contracts.Carts;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.Contracts.Products;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BffPlatform.CoreApi.Tests.Infrastructure.OrderRequests;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Carts;

public abstract class CartTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : CoreApiFactory
{
    private async Task<ProductDto> ProductAsync(decimal price = 10.50m, int stock = 5, string currency = "EUR")
    {
        var request = NewProduct(price: price, stock: stock) with { Currency = currency };
        return (await app.StaffClient().CreateAsync(request)).Product;
    }

    [Fact]
    public async Task A_new_user_has_an_empty_cart()
    {
        var cart = await app.CustomerClient("newbie").GetFromJsonAsync<CartDto>("/api/v1/cart", HttpAssertions.Json);
        Assert.Empty(cart!.Lines);
        Assert.Equal(0, cart.ItemCount);
        Assert.Equal(0m, cart.Total.Amount);
    }

    [Fact]
    public async Task Adding_creates_a_line_then_adds_to_it_and_totals_are_computed_by_the_server()
    {
        var client = app.CustomerClient("ann");
        var mug = await ProductAsync(price: 4.25m, stock: 3);
        var tea = await ProductAsync(price: 1.10m);

        await client.AddToCartAsync(mug.Id, 1);
        await client.AddToCartAsync(tea.Id, 2);
        var cart = await client.AddToCartAsync(mug.Id, 2);

        Assert.Equal([mug.Id, tea.Id], cart.Lines.Select(l => l.ProductId));
        var mugLine = cart.Lines[0];
        Assert.Equal(3, mugLine.Quantity);
        Assert.Equal(new Money(12.75m, "EUR"), mugLine.LineTotal);
        Assert.Equal(3, mugLine.AvailableStock);
        Assert.True(mugLine.Active);
        Assert.Equal(new Money(12.75m + 2.20m, "EUR"), cart.Total);
        Assert.Equal(5, cart.ItemCount);
        // The cart reserves nothing.
        Assert.Equal(3, await app.StockOfAsync(mug.Id));
    }

    [Fact]
    public async Task Totals_use_current_prices_and_inactive_products_are_flagged()
    {
        var client = app.CustomerClient("ben");
        var staff = app.StaffClient();
        var (mug, mugETag) = await staff.CreateAsync(NewProduct(price: 5m));
        var (tea, teaETag) = await staff.CreateAsync(NewProduct(price: 2m));
        await client.AddToCartAsync(mug.Id, 2);
        await client.AddToCartAsync(tea.Id, 1);

        (await staff.SendAsync(Put(mug.Id, mug.ToUpdate() with { Price = 6m }, mugETag))).EnsureSuccessStatusCode();
        (await staff.SendAsync(Delete(tea.Id, teaETag))).EnsureSuccessStatusCode();

        var cart = await client.GetFromJsonAsync<CartDto>("/api/v1/cart", HttpAssertions.Json);
        Assert.Equal(new Money(6m, "EUR"), cart!.Lines.Single(l => l.ProductId == mug.Id).UnitPrice);
        Assert.False(cart.Lines.Single(l => l.ProductId == tea.Id).Active);
        Assert.True(cart.Lines.Single(l => l.ProductId == mug.Id).Active);
        Assert.Equal(new Money(14m, "EUR"), cart.Total);

        // Checkout refuses the inactive line and changes nothing.
        var orders = await app.OrderCountAsync();
        var checkout = await client.SendAsync(Checkout(NewKey()));
        var problem = await checkout.AssertProblemAsync(HttpStatusCode.Conflict, "product_inactive");
        Assert.Equal(tea.Id.ToString(), problem.GetProperty("productId").GetString());
        Assert.Equal(orders, await app.OrderCountAsync());
        Assert.Equal(mug.Stock, await app.StockOfAsync(mug.Id));
        Assert.Equal(2, (await client.GetFromJsonAsync<CartDto>("/api/v1/cart", HttpAssertions.Json))!.Lines.Count);
    }

    [Fact]
    public async Task Set_quantity_remove_and_clear()
    {
        var client = app.CustomerClient("cleo");
        var mug = await ProductAsync();
        var tea = await ProductAsync();
        await client.AddToCartAsync(mug.Id, 1);
        await client.AddToCartAsync(tea.Id, 1);

        var set = await (await client.PutAsJsonAsync($"/api/v1/cart/items/{mug.Id}", new SetCartItemQuantityRequest(7))).ReadJsonAsync<CartDto>();
        Assert.Equal(7, set.Lines.Single(l => l.ProductId == mug.Id).Quantity);

        var removed = await (await client.DeleteAsync($"/api/v1/cart/items/{tea.Id}")).ReadJsonAsync<CartDto>();
        Assert.Equal([mug.Id], removed.Lines.Select(l => l.ProductId));
        // Removing again is harmless.
        var again = await (await client.DeleteAsync($"/api/v1/cart/items/{tea.Id}")).ReadJsonAsync<CartDto>();
        Assert.Single(again.Lines);

        var cleared = await client.DeleteAsync("/api/v1/cart");
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<CartDto>("/api/v1/cart", HttpAssertions.Json))!.Lines);
    }

    [Fact]
    public async Task Carts_are_per_user_and_service_tokens_have_none()
    {
        var mug = await ProductAsync();
        await app.CustomerClient("dora").AddToCartAsync(mug.Id, 2);
        var other = await app.CustomerClient("eddy").GetFromJsonAsync<CartDto>("/api/v1/cart", HttpAssertions.Json);
        Assert.Empty(other!.Lines);

        var service = app.ServiceClient(Scopes.OrdersWrite, Scopes.OrdersRead, Scopes.CatalogRead);
        await (await service.GetAsync("/api/v1/cart")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await service.PostAsJsonAsync("/api/v1/cart/items", new AddCartItemRequest(mug.Id, 1))).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await service.SendAsync(Checkout(NewKey()))).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(0, await app.WithDbAsync(db => db.Carts.CountAsync(c => c.UserId == "test-service")));
    }

    [Fact]
    public async Task Checkout_turns_the_cart_into_an_order_and_empties_it()
    {
        var client = app.CustomerClient("finn");
        var mug = await ProductAsync(price: 3m, stock: 4);
        var tea = await ProductAsync(price: 2.5m, stock: 4);
        await client.AddToCartAsync(mug.Id, 2);
        await client.AddToCartAsync(tea.Id, 1);

        var response = await client.SendAsync(Checkout(NewKey()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.ReadJsonAsync<OrderDto>();
        Assert.Equal(new Money(8.5m, "EUR"), order.Total);
        Assert.Equal(TestTokens.SubjectOf("finn"), order.CustomerId);
        Assert.Equal(2, order.Lines.Count);
        Assert.Equal(2, await app.StockOfAsync(mug.Id));
        Assert.Equal(3, await app.StockOfAsync(tea.Id));
        Assert.Empty((await client.GetFromJsonAsync<CartDto>("/api/v1/cart", HttpAssertions.Json))!.Lines);
    }

    [Fact]
    public async Task Checkout_of_an_empty_cart_is_409_cart_empty()
    {
        var orders = await app.OrderCountAsync();
        var response = await app.CustomerClient("gina").SendAsync(Checkout(NewKey()));
        await response.AssertProblemAsync(HttpStatusCode.Conflict, "cart_empty");
        Assert.Equal(orders, await app.OrderCountAsync());
    }

    [Fact]
    public async Task Checkout_with_too_little_stock_is_409_naming_the_product_and_keeps_cart_and_stock()
    {
        var client = app.CustomerClient("hugo");
        var mug = await ProductAsync(stock: 5);
        var rare = await ProductAsync(stock: 1);
        await client.AddToCartAsync(mug.Id, 2);
        await client.AddToCartAsync(rare.Id, 2);
        var orders = await app.OrderCountAsync();

        var response = await client.SendAsync(Checkout(NewKey()));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        Assert.Equal(rare.Id.ToString(), problem.GetProperty("productId").GetString());
        Assert.Contains(rare.Name, problem.GetProperty("detail").GetString());
        Assert.Equal(orders, await app.OrderCountAsync());
        Assert.Equal(5, await app.StockOfAsync(mug.Id));
        Assert.Equal(1, await app.StockOfAsync(rare.Id));
        Assert.Equal(2, (await client.GetFromJsonAsync<CartDto>("/api/v1/cart", HttpAssertions.Json))!.Lines.Count);
    }

    [Fact]
    public async Task Checkout_without_an_idempotency_key_is_400_naming_the_header()
    {
        var client = app.CustomerClient("ivy");
        var mug = await ProductAsync();
        await client.AddToCartAsync(mug.Id, 1);
        var response = await client.SendAsync(Checkout(null));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("Idempotency-Key", problem.ErrorFields());
        Assert.Single((await client.GetFromJsonAsync<CartDto>("/api/v1/cart", HttpAssertions.Json))!.Lines);
    }

    public static TheoryData<string, string, string, string> BadAdds() => new()
    {
        { "zero quantity", """{"productId":"{P}","quantity":0}""", "validation_failed", "quantity" },
        { "negative quantity", """{"productId":"{P}","quantity":-3}""", "validation_failed", "quantity" },
        { "quantity over the cap", """{"productId":"{P}","quantity":1001}""", "validation_failed", "quantity" },
        { "empty product id", """{"productId":"00000000-0000-0000-0000-000000000000","quantity":1}""", "validation_failed", "productId" },
        { "unknown product", """{"productId":"0f0f0f0f-0000-0000-0000-000000000001","quantity":1}""", "validation_failed", "productId" },
        { "quantity as text", """{"productId":"{P}","quantity":"two"}""", "malformed_request", "$.quantity" },
        { "missing quantity", """{"productId":"{P}"}""", "malformed_request", "" },
        { "malformed JSON", """{"productId":""", "malformed_request", "" },
        { "a price smuggled in", """{"productId":"{P}","quantity":1,"price":0.01}""", "malformed_request", "" },
    };

    [Theory]
    [MemberData(nameof(BadAdds))]
    public async Task Bad_adds_are_400_naming_the_field_and_change_nothing(string why, string json, string code, string field)
    {
        var client = app.CustomerClient("jack");
        var mug = await ProductAsync();
        var before = await app.WithDbAsync(db => db.CartLines.CountAsync());

        var response = await client.PostAsync("/api/v1/cart/items", new StringContent(json.Replace("{P}", mug.Id.ToString()), Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        if (field.Length > 0)
        {
            Assert.True(problem.ErrorFields().Contains(field), $"{why}: {problem}");
        }
        Assert.Equal(before, await app.WithDbAsync(db => db.CartLines.CountAsync()));
    }

    [Fact]
    public async Task A_customer_adding_an_inactive_product_is_answered_as_for_an_unknown_one_and_a_line_never_exceeds_the_cap()
    {
        // One story (issue 10 #11): a customer cannot see an inactive product (reading it is 404),
        // so adding it answers exactly as an unknown id does; staff, who see it, hear why.
        var client = app.CustomerClient("kim");
        var (gone, etag) = await app.StaffClient().CreateAsync(NewProduct());
        (await app.StaffClient().SendAsync(Delete(gone.Id, etag))).EnsureSuccessStatusCode();
        await (await client.GetAsync($"/api/v1/products/{gone.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var inactive = await client.PostAsJsonAsync("/api/v1/cart/items", new AddCartItemRequest(gone.Id, 1));
        var inactiveProblem = await inactive.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var unknown = await client.PostAsJsonAsync("/api/v1/cart/items", new AddCartItemRequest(Guid.NewGuid(), 1));
        var unknownProblem = await unknown.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(new[] { "productId" }, inactiveProblem.ErrorFields());
        Assert.Equal(unknownProblem.GetProperty("errors").GetRawText(), inactiveProblem.GetProperty("errors").GetRawText());
        var staff = await app.StaffClient().PostAsJsonAsync("/api/v1/cart/items", new AddCartItemRequest(gone.Id, 1));
        await staff.AssertProblemAsync(HttpStatusCode.Conflict, "product_inactive");
        Assert.Empty((await client.GetFromJsonAsync<CartDto>("/api/v1/cart", HttpAssertions.Json))!.Lines);

        var mug = await ProductAsync();
        await client.AddToCartAsync(mug.Id, OrderLimits.MaxQuantityPerLine - 1);
        var over = await client.PostAsJsonAsync("/api/v1/cart/items", new AddCartItemRequest(mug.Id, 2));
        var problem = await over.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("quantity", problem.ErrorFields());
        var cart = await client.GetFromJsonAsync<CartDto>("/api/v1/cart", HttpAssertions.Json);
        Assert.Equal(OrderLimits.MaxQuantityPerLine - 1, Assert.Single(cart!.Lines).Quantity);
    }

    [Fact]
    public async Task A_cart_holds_at_most_the_line_cap_even_when_new_products_are_added_concurrently()
    {
        var client = app.CustomerClient("lena");
        var products = new List<ProductDto>();
        for (var i = 0; i < OrderLimits.MaxLines + 5; i++)
        {
            products.Add(await ProductAsync());
        }
        foreach (var product in products.Take(OrderLimits.MaxLines - 2))
        {
            await client.AddToCartAsync(product.Id, 1);
        }

        // Seven different new products at once for the last two places.
        var racing = products.Skip(OrderLimits.MaxLines - 2).ToList();
        var answers = await Task.WhenAll(racing.Select(p => client.PostAsJsonAsync("/api/v1/cart/items", new AddCartItemRequest(p.Id, 1))));

        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            Assert.Contains("productId", problem.ErrorFields());
        }
        var cart = await client.GetFromJsonAsync<CartDto>("/api/v1/cart", HttpAssertions.Json);
        Assert.Equal(OrderLimits.MaxLines, cart!.Lines.Count);
    }

    [Fact]
    public async Task A_second_currency_is_refused()
    {
        var client = app.CustomerClient("lou");
        var eur = await ProductAsync(currency: "EUR");
        var usd = await ProductAsync(currency: "USD");
        await client.AddToCartAsync(eur.Id, 1);
        var response = await client.PostAsJsonAsync("/api/v1/cart/items", new AddCartItemRequest(usd.Id, 1));
        await response.AssertProblemAsync(HttpStatusCode.Conflict, "currency_mismatch");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public async Task Setting_a_bad_quantity_is_400_and_keeps_the_line(int quantity)
    {
        var client = app.CustomerClient("max");
        var mug = await ProductAsync();
        await client.DeleteAsync("/api/v1/cart");
        await client.AddToCartAsync(mug.Id, 2);
        var response = await client.PutAsJsonAsync($"/api/v1/cart/items/{mug.Id}", new SetCartItemQuantityRequest(quantity));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("quantity", problem.ErrorFields());
        Assert.Equal(2, Assert.Single((await client.GetFromJsonAsync<CartDto>("/api/v1/cart", HttpAssertions.Json))!.Lines).Quantity);
    }

    [Fact]
    public async Task Setting_the_quantity_of_a_line_not_in_the_cart_is_404()
    {
        var mug = await ProductAsync();
        var response = await app.CustomerClient("ned").PutAsJsonAsync($"/api/v1/cart/items/{mug.Id}", new SetCartItemQuantityRequest(1));
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(0, await app.WithDbAsync(db => db.CartLines.CountAsync(l => l.UserId == TestTokens.SubjectOf("ned"))));
    }

    [Fact]
    public async Task Concurrent_adds_of_one_product_all_count()
    {
        var client = app.CustomerClient("ola");
        var mug = await ProductAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.PostAsJsonAsync("/api/v1/cart/items", new AddCartItemRequest(mug.Id, 1))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var cart = await client.GetFromJsonAsync<CartDto>("/api/v1/cart", HttpAssertions.Json);
        Assert.Equal(10, Assert.Single(cart!.Lines).Quantity);
    }
}

/// <summary>On the embedded default: a SQLite file.</summary>
public sealed class CartOnSqliteTests(CoreApiFactory app) : CartTests<CoreApiFactory>(app);

/// <summary>On a real PostgreSQL server.</summary>
public sealed class CartOnPostgresTests(PostgresCoreApiFactory app) : CartTests<PostgresCoreApiFactory>(app);
