using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BffPlatform.Security.Tests.Api3;

/// <summary>
/// API3 broken object property level authorization: what a client may not set (price, status,
/// owner, environment) is ignored or refused on every create and update; no answer carries what
/// only the server should know (hashes, secrets, other owners, stack traces, connection strings).
/// </summary>
[Collection(SecurityCollection.Name)]
[Trait("owasp", "API3")]
public sealed class PropertyLevelTests(SecurityPlatform platform)
{
    private static readonly string[] Internals =
    [
        "passwordHash", "PasswordHash", "securityStamp", "SecurityStamp", "secretHash", "keyHash", "KeyHash", "hashedKey",
        "Data Source=", "Host=", "Password=", "ConnectionString", "   at ", "Exception", "stackTrace", "client_secret", "dev-secret",
    ];

    [Fact]
    public async Task Core_api_order_refuses_price_status_owner_and_total_sent_by_the_client()
    {
        var (_, currency) = await CatalogPriceAsync();
        using var core = SecurityPlatform.Client(platform.CoreUrl, await platform.CoreTokenAsync(DemoUsers.Alice));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = JsonContent.Create(new
            {
                lines = new[] { new { productId = platform.ProductId, quantity = 1, unitPrice = new { amount = 0.01m, currency } } },
                status = "Delivered", customerId = "someone-else", total = new { amount = 0.01m, currency }, test = true, version = 99,
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await core.SendAsync(request);

        // Stricter than ignoring: a property the client may not set is refused by name, no order placed.
        await AssertRefusedAsync(response, "$.lines[0].unitPrice");
    }

    [Fact]
    public async Task Public_api_order_refuses_price_status_owner_and_environment_sent_by_the_partner()
    {
        using var api = SecurityPlatform.Client(platform.PublicUrl, platform.PartnerA.TestKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/orders")
        {
            Content = JsonContent.Create(new
            {
                lines = new[] { new { productId = platform.ProductId, quantity = 1, unitPrice = new { amount = 1, currency = "EUR" } } },
                status = "Shipped", customerId = "partner:" + platform.PartnerB.Id, partnerId = platform.PartnerB.Id, test = false,
                total = new { amount = 1, currency = "EUR" },
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await api.SendAsync(request);

        await AssertRefusedAsync(response, "$.lines[0].unitPrice");
    }

    [Theory]
    [InlineData("bff-web")]
    [InlineData("bff-mobile")]
    public async Task A_cart_line_with_a_price_from_the_client_is_refused(string door)
    {
        JsonNode refused;
        var tampered = new { productId = platform.ProductId, quantity = 1, unitPrice = new { amount = 0.01m, currency = "EUR" }, price = 0.01m, lineTotal = 0 };
        if (door == "bff-web")
        {
            using var browser = await platform.WebSessionAsync(DemoUsers.Fay);
            using var request = Http.Api(HttpMethod.Post, platform.WebUrl + "/api/cart/items", json: tampered);
            using var added = await browser.SendAsync(request);
            refused = await added.AssertProblemAsync(400, "malformed_request");
        }
        else
        {
            using var app = SecurityPlatform.Client(platform.MobileUrl, await platform.MobileTokenAsync(DemoUsers.Fay));
            using var put = await app.PutAsJsonAsync($"/mobile/v1/cart/items/{platform.ProductId}", tampered);
            refused = await put.AssertProblemAsync(400, "malformed_request");
        }
        // The doors refuse a body with members they do not know (the first one is named), prices included.
        Assert.NotEmpty(refused["errors"]!.AsObject());
    }

    [Fact]
    public async Task A_partner_update_by_staff_cannot_move_the_partner_or_its_keys()
    {
        using var core = platform.StaffCore();
        using var partner = await core.PutAsJsonAsync($"/api/v1/partners/{platform.PartnerB.Id}",
            new { id = platform.PartnerA.Id, name = "Security B", plan = "standard", active = true, createdAt = "2000-01-01T00:00:00Z" });
        await AssertRefusedAsync(partner, "$.id");
        using var still = await core.GetAsync($"/api/v1/partners/{platform.PartnerB.Id}");
        var current = await still.JsonAsync();
        Assert.Equal(platform.PartnerB.Id, current["id"]!.GetValue<Guid>());
        Assert.NotEqual("2000-01-01T00:00:00+00:00", current["createdAt"]!.ToString());
    }

    public static TheoryData<string, string> Reads() => new()
    {
        { "bff-web", "/api/me" }, { "bff-web", "/bff/user" }, { "bff-web", "/api/orders" }, { "bff-web", "/api/cart" }, { "bff-web", "/api/sessions" },
        { "bff-mobile", "/mobile/v1/me" }, { "bff-mobile", "/mobile/v1/orders" }, { "bff-mobile", "/mobile/v1/cart" }, { "bff-mobile", "/mobile/v1/home" },
        { "core-api", "/api/v1/users/me" }, { "core-api", "/api/v1/orders" },
        { "public-api", "/api/v2/orders" }, { "public-api", "/api/v2/usage" }, { "public-api", "/api/v2/webhooks/endpoints" }, { "public-api", "/api/v1/orders" },
        { "staff", $"/api/v1/partners" },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task No_answer_carries_internal_fields(string door, string path)
    {
        var body = await ReadAsync(door, path);
        foreach (var secret in Internals)
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("bp_test_", body, StringComparison.Ordinal);
        Assert.DoesNotContain("bp_live_", body, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", body, StringComparison.Ordinal);
        // A customer sees no one else: nothing of Bob when Alice asks.
        if (door is not ("public-api" or "staff"))
        {
            Assert.DoesNotContain(DemoUsers.Bob.Email, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_partners_keys_list_shows_prefixes_never_secrets_or_hashes()
    {
        using var core = platform.StaffCore();
        var body = await core.GetStringAsync($"/api/v1/partners/{platform.PartnerA.Id}/keys");
        Assert.DoesNotContain(platform.PartnerA.TestKey, body, StringComparison.Ordinal);
        Assert.DoesNotContain(platform.PartnerA.LiveKey, body, StringComparison.Ordinal);
        foreach (var secret in Internals) Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
    }

    private async Task<string> ReadAsync(string door, string path)
    {
        HttpResponseMessage response;
        switch (door)
        {
            case "bff-web":
                var browser = await platform.WebSessionAsync(DemoUsers.Alice);
                response = await browser.ApiAsync(HttpMethod.Get, platform.WebUrl + path);
                break;
            case "bff-mobile":
                response = await SecurityPlatform.Client(platform.MobileUrl, await platform.MobileTokenAsync(DemoUsers.Alice)).GetAsync(path);
                break;
            case "core-api":
                response = await SecurityPlatform.Client(platform.CoreUrl, await platform.CoreTokenAsync(DemoUsers.Alice)).GetAsync(path);
                break;
            case "public-api":
                await platform.PlacePartnerOrderAsync(platform.PartnerA.TestKey);
                response = await SecurityPlatform.Client(platform.PublicUrl, platform.PartnerA.TestKey).GetAsync(path);
                break;
            default:
                response = await platform.StaffCore().GetAsync(path);
                break;
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{door} {path} answered {(int)response.StatusCode}: {body}");
            return body;
        }
    }

    /// <summary>A product's catalog price, as a visitor reads it.</summary>
    private async Task<(decimal Price, string Currency)> CatalogPriceAsync()
    {
        using var visitor = SecurityPlatform.Client(platform.MobileUrl);
        var product = JsonNode.Parse(await visitor.GetStringAsync($"/mobile/v1/products/{platform.ProductId}"))!;
        return (product["price"]!["amount"]!.GetValue<decimal>(), product["price"]!["currency"]!.GetValue<string>());
    }

    /// <summary>A 400 malformed_request naming <paramref name="member"/>: the property was refused, not applied.</summary>
    private static async Task AssertRefusedAsync(HttpResponseMessage response, string member)
    {
        var problem = await response.AssertProblemAsync(400, "malformed_request");
        Assert.NotNull(problem["errors"]?[member]);
    }
}
