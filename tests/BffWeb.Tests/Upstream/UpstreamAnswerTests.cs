using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BffPlatform.BffWeb.Tests.Infrastructure;
using System.Text.Json;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.Contracts.Products;
using BffPlatform.ServiceDefaults.Json;
using Microsoft.AspNetCore.Http;

namespace BffPlatform.BffWeb.Tests.Upstream;

/// <summary>What the SPA gets of core-api's answers: its problems at bff-web's own path, its ETags and 304s, its replay marks.</summary>
public sealed class UpstreamAnswerTests : RecordingCoreTests
{
    private const string ProductId = "8a3c5f0e-1111-4a1b-9c1d-2e3f4a5b6c7d";

    [Fact]
    public async Task A_passed_on_problem_names_bff_webs_path_not_core_apis()
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser);
        Core.Answer = context =>
        {
            context.Response.StatusCode = StatusCodes.Status409Conflict;
            context.Response.ContentType = "application/problem+json";
            return context.Response.WriteAsync(
                """{"type":"https://bffplatform.dev/errors/insufficient-stock","title":"Not enough stock.","status":409,"code":"insufficient_stock","instance":"/api/v1/cart/items","traceId":"00-abc-01"}""");
        };

        using var response = await browser.SendAsync(Http.Api(HttpMethod.Post, "/api/cart/items", json: new { productId = ProductId, quantity = 99 }));

        var problem = await response.AssertProblemAsync(409, ErrorCodes.InsufficientStock);
        Assert.Equal("/api/cart/items", problem["instance"]?.GetValue<string>());
        Assert.Equal("Not enough stock.", problem["title"]?.GetValue<string>());
        Assert.Equal("00-abc-01", problem["traceId"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_product_carries_core_apis_etag_and_a_matching_if_none_match_is_304()
    {
        using var browser = Factory.CreateBrowser();
        Core.Answer = context =>
        {
            context.Response.Headers.ETag = "\"7\"";
            if (context.Request.Headers.IfNoneMatch == "\"7\"")
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }
            return context.Response.WriteAsJsonAsync(
                new ProductDto(Guid.Parse(ProductId), "SKU-1", "Aurora", "", "Audio", new Money(10m, "EUR"), 3, true, 7, DateTimeOffset.UnixEpoch), Json);
        };

        using var first = await browser.GetApiAsync($"/api/products/{ProductId}");
        var body = await first.JsonAsync();
        Assert.Equal("\"7\"", first.Headers.ETag?.ToString());
        Assert.Equal("Aurora", body["name"]?.GetValue<string>());

        var conditional = Http.Api(HttpMethod.Get, $"/api/products/{ProductId}");
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"7\""));
        using var second = await browser.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal("\"7\"", second.Headers.ETag?.ToString());
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal("\"7\"", Core.Requests.Last().Headers["If-None-Match"]);
    }

    [Fact]
    public async Task A_replayed_checkout_says_so()
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser);
        var orderId = Guid.NewGuid();
        Core.Answer = context =>
        {
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.Headers["Idempotency-Replayed"] = "true";
            context.Response.Headers.Location = $"/api/v1/orders/{orderId}";
            return context.Response.WriteAsJsonAsync(Order(orderId), Json);
        };
        var request = Http.Api(HttpMethod.Post, "/api/cart/checkout");
        request.Headers.Add("Idempotency-Key", "checkout-replayed-1");

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("true", Assert.Single(response.Headers.GetValues("Idempotency-Replayed")));
        // bff-web's own address of the order, never core-api's.
        Assert.Equal($"/api/orders/{orderId}", response.Headers.Location?.OriginalString);
        Assert.Equal(orderId, (await response.Content.ReadFromJsonAsync<OrderId>(Http.Web))!.Id);
    }

    [Fact]
    public async Task A_first_checkout_carries_no_replay_mark()
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser);
        Core.Answer = context =>
        {
            context.Response.StatusCode = StatusCodes.Status201Created;
            return context.Response.WriteAsJsonAsync(Order(Guid.NewGuid()), Json);
        };

        using var response = await browser.SendAsync(Http.Api(HttpMethod.Post, "/api/cart/checkout"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("Idempotency-Replayed"));
    }

    private static readonly JsonSerializerOptions Json = JsonDefaults.CreateClientOptions();

    private static OrderDto Order(Guid id) =>
        new(id, "alice", OrderStatus.Pending, [], new Money(0m, "EUR"), 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private sealed record OrderId(Guid Id);
}
