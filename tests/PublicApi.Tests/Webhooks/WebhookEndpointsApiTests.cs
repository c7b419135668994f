using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Webhooks.Signing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.PublicApi.Tests.Webhooks;

public sealed class WebhookEndpointsApiTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    private const string Endpoints = "/api/v1/webhooks/endpoints";
    private const string PublicUrl = "https://93.184.216.34/hooks/orders";

    private static object NewEndpoint(string url = PublicUrl, params string[] types) =>
        new { url, eventTypes = types.Length == 0 ? ["order.created.v1", "order.status_changed.v1"] : types, description = "orders" };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());

    private async Task<(Guid Id, string Secret)> CreateAsync(HttpClient client, string url = PublicUrl)
    {
        using var response = await client.PostAsJsonAsync(Endpoints, NewEndpoint(url));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await JsonAsync(response);
        return (body.GetProperty("endpoint").GetProperty("id").GetGuid(), body.GetProperty("secret").GetString()!);
    }

    [Fact]
    public async Task Create_shows_the_secret_once_and_stores_it_encrypted()
    {
        using var client = factory.ClientFor(Guid.NewGuid());
        using var response = await client.PostAsJsonAsync(Endpoints, NewEndpoint());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await JsonAsync(response);
        var id = body.GetProperty("endpoint").GetProperty("id").GetGuid();
        var secret = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.EndsWith($"/api/v1/webhooks/endpoints/{id}", response.Headers.Location!.ToString());
        Assert.Equal("live", body.GetProperty("endpoint").GetProperty("environment").GetString());
        Assert.Equal(["order.created.v1", "order.status_changed.v1"],
            body.GetProperty("endpoint").GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()));

        var read = await client.GetStringAsync($"{Endpoints}/{id}");
        Assert.DoesNotContain("whsec_", read);
        Assert.DoesNotContain("\"secret\"", read, StringComparison.OrdinalIgnoreCase);

        var stored = await factory.WithDbAsync(db => db.Endpoints.SingleAsync(e => e.Id == id));
        Assert.DoesNotContain(secret, stored.Secret);
        Assert.DoesNotContain(secret["whsec_".Length..], stored.Secret);
        Assert.Equal(secret, factory.Services.GetRequiredService<SecretProtector>().Unprotect(stored.Secret));
    }

    [Fact]
    public async Task A_partner_sees_only_its_own_endpoints_in_its_own_environment()
    {
        var partner = Guid.NewGuid();
        using var owner = factory.ClientFor(partner);
        var (id, _) = await CreateAsync(owner);
        using var other = factory.ClientFor(Guid.NewGuid());
        using var sameTestKey = factory.ClientFor(partner, PartnerEnvironments.Test);

        foreach (var stranger in new[] { other, sameTestKey })
        {
            using var get = await stranger.GetAsync($"{Endpoints}/{id}");
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            Assert.Equal("not_found", (await JsonAsync(get)).GetProperty("code").GetString());
            using var patch = await stranger.PatchAsJsonAsync($"{Endpoints}/{id}", new { enabled = false });
            Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
            using var delete = await stranger.DeleteAsync($"{Endpoints}/{id}");
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
            using var rotate = await stranger.PostAsync($"{Endpoints}/{id}/secret/rotate", null);
            Assert.Equal(HttpStatusCode.NotFound, rotate.StatusCode);
            using var test = await stranger.PostAsync($"{Endpoints}/{id}/test", null);
            Assert.Equal(HttpStatusCode.NotFound, test.StatusCode);
            using var deliveries = await stranger.GetAsync($"{Endpoints}/{id}/deliveries");
            Assert.Equal(HttpStatusCode.NotFound, deliveries.StatusCode);
            Assert.Equal(0, (await stranger.GetFromJsonAsync<JsonElement>(Endpoints)).GetArrayLength());
        }
        Assert.Equal(1, (await owner.GetFromJsonAsync<JsonElement>(Endpoints)).GetArrayLength());
        Assert.Equal(id, (await owner.GetFromJsonAsync<JsonElement>($"/api/v2/webhooks/endpoints/{id}")).GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("http://93.184.216.34/hook", "https")]
    [InlineData("ftp://93.184.216.34/hook", "https")]
    [InlineData("https://127.0.0.1/hook", "loopback")]
    [InlineData("https://localhost/hook", "loopback")]
    [InlineData("https://[::1]/hook", "loopback")]
    [InlineData("https://10.1.2.3/hook", "private")]
    [InlineData("https://192.168.0.10/hook", "private")]
    [InlineData("https://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("https://[fd00:ec2::254]/", "private")]
    [InlineData("https://[::ffff:169.254.169.254]/", "link-local")]
    [InlineData("https://user:pass@93.184.216.34/hook", "password")]
    [InlineData("https://93.184.216.34/hook#x", "fragment")]
    [InlineData("https://no-such-host.invalid/hook", "does not resolve")]
    [InlineData("/relative", "absolute")]
    public async Task An_unusable_url_is_400_webhook_url_invalid_naming_why(string url, string why)
    {
        using var client = factory.ClientFor(Guid.NewGuid());
        using var response = await client.PostAsJsonAsync(Endpoints, NewEndpoint(url));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal("webhook_url_invalid", problem.GetProperty("code").GetString());
        Assert.Contains(why, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>(Endpoints)).GetArrayLength());
    }

    [Fact]
    public async Task Unknown_or_missing_event_types_are_400_naming_the_field()
    {
        using var client = factory.ClientFor(Guid.NewGuid());
        using var unknown = await client.PostAsJsonAsync(Endpoints, NewEndpoint(PublicUrl, "order.created", "order.exploded.v1"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var problem = await JsonAsync(unknown);
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        Assert.Contains("order.exploded.v1", problem.GetProperty("errors").GetProperty("eventTypes")[0].GetString());

        using var none = await client.PostAsJsonAsync(Endpoints, new { url = PublicUrl, eventTypes = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        using var strangeMember = await client.PostAsJsonAsync(Endpoints, new { url = PublicUrl, eventTypes = new[] { "order.created.v1" }, secret = "whsec_mine" });
        Assert.Equal(HttpStatusCode.BadRequest, strangeMember.StatusCode);
    }

    [Fact]
    public async Task Without_the_scope_it_is_403_and_without_a_key_401()
    {
        using var readOnly = factory.ClientFor(Guid.NewGuid(), scopes: PartnerScopes.OrdersRead);
        using var forbidden = await readOnly.GetAsync(Endpoints);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var problem = await JsonAsync(forbidden);
        Assert.Equal("insufficient_scope", problem.GetProperty("code").GetString());
        Assert.Equal(PartnerScopes.WebhooksManage, problem.GetProperty("requiredScope").GetString());

        using var anonymous = factory.CreateClient();
        using var unauthorized = await anonymous.GetAsync(Endpoints);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Fact]
    public async Task Update_changes_what_is_given_and_reenabling_clears_the_failure_state()
    {
        using var client = factory.ClientFor(Guid.NewGuid());
        var (id, _) = await CreateAsync(client);
        await factory.WithDbAsync(db => db.Endpoints.Where(e => e.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Enabled, false).SetProperty(e => e.DisabledReason, "The receiver answered 410 Gone.")
            .SetProperty(e => e.ConsecutiveFailures, 30)));

        using var update = await client.PatchAsJsonAsync($"{Endpoints}/{id}", new { eventTypes = new[] { "order.cancelled.v1" }, enabled = true });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var body = await JsonAsync(update);
        Assert.Equal(PublicUrl, body.GetProperty("url").GetString());
        Assert.Equal("order.cancelled.v1", body.GetProperty("eventTypes")[0].GetString());
        Assert.True(body.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("disabledReason").ValueKind);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Endpoints.Where(e => e.Id == id).Select(e => e.ConsecutiveFailures).SingleAsync()));

        using var badUrl = await client.PatchAsJsonAsync($"{Endpoints}/{id}", new { url = "https://10.0.0.1/x" });
        Assert.Equal(HttpStatusCode.BadRequest, badUrl.StatusCode);
        Assert.Equal(PublicUrl, (await client.GetFromJsonAsync<JsonElement>($"{Endpoints}/{id}")).GetProperty("url").GetString());
    }

    [Fact]
    public async Task Delete_removes_the_endpoint_and_its_deliveries()
    {
        using var client = factory.ClientFor(Guid.NewGuid());
        var (id, _) = await CreateAsync(client);
        using (var test = await client.PostAsync($"{Endpoints}/{id}/test", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, test.StatusCode);
        }
        using var delete = await client.DeleteAsync($"{Endpoints}/{id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await client.GetAsync($"{Endpoints}/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Deliveries.CountAsync(d => d.EndpointId == id)));
    }

    [Fact]
    public async Task Rotation_returns_a_new_secret_and_keeps_the_old_one_for_the_overlap()
    {
        using var client = factory.ClientFor(Guid.NewGuid());
        var (id, first) = await CreateAsync(client);
        using var rotate = await client.PostAsJsonAsync($"{Endpoints}/{id}/secret/rotate", new { overlapSeconds = 3600 });
        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        var body = await JsonAsync(rotate);
        var second = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", second);
        Assert.NotEqual(first, second);
        var expires = body.GetProperty("previousSecretExpiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));

        var protector = factory.Services.GetRequiredService<SecretProtector>();
        var stored = await factory.WithDbAsync(db => db.Endpoints.SingleAsync(e => e.Id == id));
        Assert.Equal(second, protector.Unprotect(stored.Secret));
        Assert.Equal(first, protector.Unprotect(stored.PreviousSecret!));

        using var tooLong = await client.PostAsJsonAsync($"{Endpoints}/{id}/secret/rotate", new { overlapSeconds = 30 * 86400 });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        using var immediate = await client.PostAsync($"{Endpoints}/{id}/secret/rotate", JsonContent.Create(new { overlapSeconds = 0 }));
        Assert.Equal(JsonValueKind.Null, (await JsonAsync(immediate)).GetProperty("previousSecretExpiresAt").ValueKind);
        using var defaultOverlap = await client.PostAsync($"{Endpoints}/{id}/secret/rotate", null);
        Assert.Equal(HttpStatusCode.OK, defaultOverlap.StatusCode);
    }

    [Fact]
    public async Task Deliveries_are_cursor_paged_newest_first_and_a_bad_cursor_is_400()
    {
        using var client = factory.ClientFor(Guid.NewGuid());
        var (id, _) = await CreateAsync(client);
        var queued = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            using var test = await client.PostAsync($"{Endpoints}/{id}/test", null);
            queued.Add((await JsonAsync(test)).GetProperty("deliveryId").GetInt64());
        }
        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"{Endpoints}/{id}/deliveries?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()));
            Assert.All(page.GetProperty("items").EnumerateArray(), d => Assert.Equal("webhook.test.v1", d.GetProperty("eventType").GetString()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(queued.AsEnumerable().Reverse(), seen);

        using var bad = await client.GetAsync($"{Endpoints}/{id}/deliveries?cursor=not-ours");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("invalid_cursor", (await JsonAsync(bad)).GetProperty("code").GetString());
        using var badLimit = await client.GetAsync($"{Endpoints}/{id}/deliveries?limit=1000");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    [Fact]
    public async Task Redelivery_needs_a_finished_delivery_and_queues_the_same_message_again()
    {
        using var client = factory.ClientFor(Guid.NewGuid());
        var (id, _) = await CreateAsync(client);
        using var test = await client.PostAsync($"{Endpoints}/{id}/test", null);
        var queued = await JsonAsync(test);
        var deliveryId = queued.GetProperty("deliveryId").GetInt64();

        using var pending = await client.PostAsync($"{Endpoints}/{id}/deliveries/{deliveryId}/redeliver", null);
        Assert.Equal(HttpStatusCode.Conflict, pending.StatusCode);
        Assert.Equal("conflict", (await JsonAsync(pending)).GetProperty("code").GetString());

        await factory.WithDbAsync(db => db.Deliveries.Where(d => d.Id == deliveryId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, PublicApi.Webhooks.Data.DeliveryStatus.Failed)));
        using var again = await client.PostAsync($"{Endpoints}/{id}/deliveries/{deliveryId}/redeliver", null);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var redelivery = await JsonAsync(again);
        Assert.NotEqual(deliveryId, redelivery.GetProperty("id").GetInt64());
        Assert.Equal(queued.GetProperty("messageId").GetString(), redelivery.GetProperty("messageId").GetString());
        Assert.Equal("pending", redelivery.GetProperty("status").GetString());

        using var unknown = await client.PostAsync($"{Endpoints}/{id}/deliveries/999999/redeliver", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_disabled_endpoint_gets_no_test_event()
    {
        using var client = factory.ClientFor(Guid.NewGuid());
        var (id, _) = await CreateAsync(client);
        using (await client.PatchAsJsonAsync($"{Endpoints}/{id}", new { enabled = false }))
        {
        }
        using var test = await client.PostAsync($"{Endpoints}/{id}/test", null);
        Assert.Equal(HttpStatusCode.Conflict, test.StatusCode);
        Assert.Contains("Enable it first", (await JsonAsync(test)).GetProperty("detail").GetString());
    }
}
