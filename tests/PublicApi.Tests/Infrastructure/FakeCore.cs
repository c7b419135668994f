using System.Collections.Concurrent;
using System.Text.Json;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.Contracts.Partners;
using BffPlatform.Contracts.Products;
using BffPlatform.Testing.Upstream;
using Microsoft.AspNetCore.Http;

namespace BffPlatform.PublicApi.Tests.Infrastructure;

/// <summary>
/// core-api and identity's token endpoint as public-api sees them, on one loopback port: keys it
/// knows (<see cref="Keys"/>), a two-product catalog (EUR and JPY), orders answered from the request.
/// Every request is recorded, so a test can say what reached core-api — and what did not.
/// </summary>
internal sealed class FakeCore : IAsyncDisposable
{
    public static readonly Guid PartnerA = Guid.Parse("0d7a3c1e-5b1a-4d8e-9f00-00000000000a");
    public static readonly Product Widget = new(Guid.Parse("11111111-1111-1111-1111-111111111111"), new Money(12.50m, "EUR"));
    public static readonly Product Yen = new(Guid.Parse("22222222-2222-2222-2222-222222222222"), new Money(1500m, "JPY"));
    private readonly RecordingCoreApi _core = new();

    public string BaseUrl => _core.BaseUrl;
    public ConcurrentDictionary<string, ApiKeyVerificationDto> Keys { get; } = new(StringComparer.Ordinal);
    /// <summary>Keys core-api refuses, with the code it answers (api_key_revoked, ...).</summary>
    public ConcurrentDictionary<string, string> Refused { get; } = new(StringComparer.Ordinal);
    public IEnumerable<Seen> Requests => _core.Requests;
    public ConcurrentQueue<UsageReportRequest> UsageReports { get; } = new();
    public int VerifyCalls => _core.Requests.Count(r => r.Line.StartsWith("POST /api/v1/partners/keys/verify", StringComparison.Ordinal));
    public IEnumerable<Seen> PartnerCalls => _core.Requests.Where(r => !r.Line.Contains("/keys/verify", StringComparison.Ordinal) && !r.Line.Contains("/connect/token", StringComparison.Ordinal));

    public static async Task<FakeCore> StartAsync()
    {
        var fake = new FakeCore();
        fake._core.Answer = fake.AnswerAsync;
        await fake._core.StartAsync();
        return fake;
    }

    /// <summary>A new valid key of <paramref name="kind"/> that core-api knows, for partner A unless said.</summary>
    public string Issue(string kind, IReadOnlyList<string> scopes, string plan = "free", Guid? partner = null, DateTimeOffset? expiresAt = null)
    {
        var key = ApiKeyFormat.Generate(kind);
        Keys[key] = new ApiKeyVerificationDto(Guid.NewGuid(), partner ?? PartnerA, "Partner A", plan, kind, ApiKeyFormat.EnvironmentOf(kind), scopes, expiresAt);
        return key;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        switch (context.Request.Method, path)
        {
            case ("POST", "/connect/token"):
                await context.Response.WriteAsJsonAsync(new Dictionary<string, object> { ["access_token"] = "public-api-token", ["token_type"] = "Bearer", ["expires_in"] = 3600 });
                return;
            case ("POST", "/api/v1/partners/keys/verify"):
                var request = await JsonSerializer.DeserializeAsync<VerifyApiKeyRequest>(context.Request.Body, JsonOptions);
                if (request is not null && Keys.TryGetValue(request.Key, out var verified))
                {
                    await context.Response.WriteAsJsonAsync(verified, JsonOptions);
                    return;
                }
                var code = request is not null && Refused.TryGetValue(request.Key, out var refused) ? refused : ErrorCodes.ApiKeyInvalid;
                await Problem(context, 401, code);
                return;
            case ("GET", "/api/v1/products"):
                await context.Response.WriteAsJsonAsync(new Page<ProductDto>([Widget.Dto, Yen.Dto], "next-page"), JsonOptions);
                return;
            case ("GET", _) when path.StartsWith("/api/v1/products/", StringComparison.Ordinal):
                var product = new[] { Widget, Yen }.FirstOrDefault(p => path.EndsWith(p.Id.ToString("D"), StringComparison.Ordinal));
                if (product is null)
                {
                    await Problem(context, 404, ErrorCodes.NotFound);
                    return;
                }
                context.Response.Headers.ETag = "\"1\"";
                await context.Response.WriteAsJsonAsync(product.Dto, JsonOptions);
                return;
            case ("POST", "/api/v1/orders"):
                var create = await JsonSerializer.DeserializeAsync<CreateOrderRequest>(context.Request.Body, JsonOptions);
                context.Response.StatusCode = 201;
                await context.Response.WriteAsJsonAsync(Order(create?.CustomerReference), JsonOptions);
                return;
            case ("PUT", "/api/v1/partners/usage"):
                UsageReports.Enqueue((await JsonSerializer.DeserializeAsync<UsageReportRequest>(context.Request.Body, JsonOptions))!);
                context.Response.StatusCode = 204;
                return;
            case ("GET", "/api/v1/orders"):
                var o = Order(null);
                await context.Response.WriteAsJsonAsync(new Page<OrderSummaryDto>([new OrderSummaryDto(o.Id, o.CustomerId, null, null, o.Status, 1, o.Total, o.CreatedAt, o.UpdatedAt)], null), JsonOptions);
                return;
            default:
                await Problem(context, 404, ErrorCodes.NotFound);
                return;
        }
    }

    private static OrderDto Order(string? reference)
    {
        var at = DateTimeOffset.Parse("2026-11-29T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        return new OrderDto(Guid.NewGuid(), PartnerHeaders.CustomerId(PartnerA), OrderStatus.Pending,
            [new OrderLineDto(Widget.Id, "W-1", "Widget", Widget.Price, 3, new Money(37.50m, "EUR"))],
            new Money(37.50m, "EUR"), 1, at, at, reference, Test: true);
    }

    private static Task Problem(HttpContext context, int status, string code)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { type = ErrorCodes.TypeUri(code), title = "Refused.", status, code }));
    }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public ValueTask DisposeAsync() => _core.DisposeAsync();

    public sealed record Product(Guid Id, Money Price)
    {
        public ProductDto Dto => new(Id, "SKU-" + Price.Currency, "Product in " + Price.Currency, "", "tools", Price, 10, true, 1, DateTimeOffset.UnixEpoch);
    }
}
