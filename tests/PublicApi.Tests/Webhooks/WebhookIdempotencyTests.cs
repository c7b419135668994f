using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Idempotency;
using BffPlatform.PublicApi.Webhooks.Data;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.PublicApi.Tests.Webhooks;

/// <summary>
/// The webhook API's POSTs keep their answers under the partner's <c>Idempotency-Key</c> with core-api's
/// contract: a retry replays and creates nothing, another body is 422, a running first request 409, no
/// key 400, and one partner's key never replays another's answer.
/// </summary>
public sealed class WebhookIdempotencyTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    private const string Endpoints = "/api/v1/webhooks/endpoints";
    private const string PublicUrl = "https://93.184.216.34/hooks/orders";

    private static object NewEndpoint(string description = "orders") =>
        new { url = PublicUrl, eventTypes = new[] { "order.created.v1" }, description };

    private static HttpRequestMessage Post(string path, string? key, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null) request.Headers.Add(IdempotencyHeaders.Key, key);
        return request;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (await JsonAsync(response)).GetProperty("code").GetString());
    }

    private async Task<Guid> CreateAsync(HttpClient client)
    {
        using var response = await client.SendAsync(Post(Endpoints, Guid.NewGuid().ToString(), NewEndpoint()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("endpoint").GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_retried_create_replays_the_first_answer_and_makes_no_second_endpoint()
    {
        var partner = Guid.NewGuid();
        using var client = factory.BareClientFor(partner);
        using var first = await client.SendAsync(Post(Endpoints, "create-1", NewEndpoint()));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains(IdempotencyHeaders.Replayed));
        var firstBody = await first.Content.ReadAsStringAsync();
        // Member order and whitespace differ: the same request all the same.
        using var retry = await client.SendAsync(Post(Endpoints, "create-1",
            new { description = "orders", eventTypes = new[] { "order.created.v1" }, url = PublicUrl }));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues(IdempotencyHeaders.Replayed)));
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Endpoints.CountAsync(e => e.PartnerId == partner)));

        // The stored answer holds the signing secret: encrypted at rest like the endpoint's own copy.
        var secret = JsonDocument.Parse(firstBody).RootElement.GetProperty("secret").GetString()!;
        var stored = await factory.WithDbAsync(db => db.IdempotencyRecords.SingleAsync(r => r.Scope.StartsWith($"partner:{partner:D}:")));
        Assert.Equal(IdempotencyStatus.Completed, stored.Status);
        Assert.DoesNotContain(secret["whsec_".Length..], stored.ResponseBody);
    }

    [Fact]
    public async Task The_key_on_a_different_body_is_422_and_creates_nothing()
    {
        var partner = Guid.NewGuid();
        using var client = factory.BareClientFor(partner);
        using (var first = await client.SendAsync(Post(Endpoints, "create-2", NewEndpoint())))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }
        using var other = await client.SendAsync(Post(Endpoints, "create-2", NewEndpoint("something else")));
        await AssertProblemAsync(other, HttpStatusCode.UnprocessableEntity, ErrorCodes.IdempotencyKeyReused);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Endpoints.CountAsync(e => e.PartnerId == partner)));
    }

    [Fact]
    public async Task Every_webhook_POST_without_a_key_is_400_idempotency_key_missing_and_changes_nothing()
    {
        var partner = Guid.NewGuid();
        using var keyed = factory.ClientFor(partner);
        var id = await CreateAsync(keyed);
        using var test = await keyed.PostAsync($"{Endpoints}/{id}/test", null);
        var deliveryId = (await JsonAsync(test)).GetProperty("deliveryId").GetInt64();
        await factory.WithDbAsync(db => db.Deliveries.Where(d => d.Id == deliveryId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Failed)));
        var secretBefore = await factory.WithDbAsync(db => db.Endpoints.Where(e => e.Id == id).Select(e => e.Secret).SingleAsync());

        using var bare = factory.BareClientFor(partner);
        foreach (var (path, body) in new (string, object?)[]
                 {
                     (Endpoints, NewEndpoint()), ($"{Endpoints}/{id}/secret/rotate", new { overlapSeconds = 60 }),
                     ($"{Endpoints}/{id}/test", null), ($"{Endpoints}/{id}/deliveries/{deliveryId}/redeliver", null),
                 })
        {
            using var missing = await bare.SendAsync(Post(path, null, body));
            await AssertProblemAsync(missing, HttpStatusCode.BadRequest, ErrorCodes.IdempotencyKeyMissing);
            using var malformed = await bare.SendAsync(Post(path, new string('k', 300), body));
            await AssertProblemAsync(malformed, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        }
        Assert.Equal(1, await factory.WithDbAsync(db => db.Endpoints.CountAsync(e => e.PartnerId == partner)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Deliveries.CountAsync(d => d.EndpointId == id)));
        Assert.Equal(secretBefore, await factory.WithDbAsync(db => db.Endpoints.Where(e => e.Id == id).Select(e => e.Secret).SingleAsync()));
    }

    [Fact]
    public async Task Another_partner_or_environment_with_the_same_key_gets_its_own_answer()
    {
        var partner = Guid.NewGuid();
        using var first = factory.BareClientFor(partner);
        using var stranger = factory.BareClientFor(Guid.NewGuid());
        using var testEnvironment = factory.BareClientFor(partner, PartnerEnvironments.Test);
        using var mine = await first.SendAsync(Post(Endpoints, "shared-key", NewEndpoint()));
        var myId = (await JsonAsync(mine)).GetProperty("endpoint").GetProperty("id").GetGuid();

        foreach (var other in new[] { stranger, testEnvironment })
        {
            using var theirs = await other.SendAsync(Post(Endpoints, "shared-key", NewEndpoint()));
            Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
            Assert.False(theirs.Headers.Contains(IdempotencyHeaders.Replayed));
            Assert.NotEqual(myId, (await JsonAsync(theirs)).GetProperty("endpoint").GetProperty("id").GetGuid());
        }
    }

    [Fact]
    public async Task A_retried_test_event_rotation_and_redelivery_replay_and_queue_nothing_new()
    {
        var partner = Guid.NewGuid();
        using var client = factory.BareClientFor(partner);
        var id = await CreateAsync(client);

        using var test = await client.SendAsync(Post($"{Endpoints}/{id}/test", "test-1"));
        using var testAgain = await client.SendAsync(Post($"{Endpoints}/{id}/test", "test-1"));
        Assert.Equal(HttpStatusCode.Accepted, testAgain.StatusCode);
        Assert.Equal(await test.Content.ReadAsStringAsync(), await testAgain.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Deliveries.CountAsync(d => d.EndpointId == id)));
        var deliveryId = (await JsonAsync(test)).GetProperty("deliveryId").GetInt64();

        using var rotate = await client.SendAsync(Post($"{Endpoints}/{id}/secret/rotate", "rotate-1", new { overlapSeconds = 60 }));
        var stored = await factory.WithDbAsync(db => db.Endpoints.Where(e => e.Id == id).Select(e => e.Secret).SingleAsync());
        using var rotateAgain = await client.SendAsync(Post($"{Endpoints}/{id}/secret/rotate", "rotate-1", new { overlapSeconds = 60 }));
        Assert.Equal(HttpStatusCode.OK, rotateAgain.StatusCode);
        Assert.Equal((await JsonAsync(rotate)).GetProperty("secret").GetString(), (await JsonAsync(rotateAgain)).GetProperty("secret").GetString());
        Assert.Equal(stored, await factory.WithDbAsync(db => db.Endpoints.Where(e => e.Id == id).Select(e => e.Secret).SingleAsync()));

        await factory.WithDbAsync(db => db.Deliveries.Where(d => d.Id == deliveryId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Failed)));
        using var redeliver = await client.SendAsync(Post($"{Endpoints}/{id}/deliveries/{deliveryId}/redeliver", "redeliver-1"));
        using var redeliverAgain = await client.SendAsync(Post($"{Endpoints}/{id}/deliveries/{deliveryId}/redeliver", "redeliver-1"));
        Assert.Equal(HttpStatusCode.Accepted, redeliverAgain.StatusCode);
        Assert.Equal(await redeliver.Content.ReadAsStringAsync(), await redeliverAgain.Content.ReadAsStringAsync());
        Assert.Equal(2, await factory.WithDbAsync(db => db.Deliveries.CountAsync(d => d.EndpointId == id)));
    }

    [Fact]
    public async Task A_key_whose_first_request_still_runs_is_409_in_flight()
    {
        var partner = Guid.NewGuid();
        using var client = factory.BareClientFor(partner);
        var id = await CreateAsync(client);
        var path = $"{Endpoints}/{id}/test";
        // The claim a running first request holds: same scope, key and request.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"webhooks.test\n{path}\n")));
        await factory.WithDbAsync(async db =>
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Scope = $"partner:{partner:D}:live:webhooks.test", Key = "running", RequestHash = hash,
                CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddDays(1),
            });
            return await db.SaveChangesAsync();
        });

        using var second = await client.SendAsync(Post(path, "running"));
        await AssertProblemAsync(second, HttpStatusCode.Conflict, ErrorCodes.IdempotencyRequestInFlight);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Deliveries.CountAsync(d => d.EndpointId == id)));
    }

    [Fact]
    public async Task A_refused_shape_keeps_no_answer_so_the_fixed_request_may_reuse_the_key()
    {
        var partner = Guid.NewGuid();
        using var client = factory.BareClientFor(partner);
        using var bad = await client.SendAsync(Post(Endpoints, "fix-me", new { url = "https://10.0.0.1/x", eventTypes = new[] { "order.created.v1" } }));
        await AssertProblemAsync(bad, HttpStatusCode.BadRequest, ErrorCodes.WebhookUrlInvalid);
        using var fixedRequest = await client.SendAsync(Post(Endpoints, "fix-me", NewEndpoint()));
        Assert.Equal(HttpStatusCode.Created, fixedRequest.StatusCode);
    }
}
