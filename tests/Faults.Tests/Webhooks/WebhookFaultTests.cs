using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BffPlatform.Faults.Tests.Infrastructure;
using BffPlatform.Testing.Partners;
using Xunit.Abstractions;

namespace BffPlatform.Faults.Tests.Webhooks;

/// <summary>
/// A partner's orders placed through public-api become webhooks from core-api's outbox. The
/// partner's receiver is down for a while, then slow; public-api is killed (SIGKILL) while it is
/// sending and started again. Every event arrives, signed; nothing the receiver acknowledged
/// before the kill is sent again.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class WebhookFaultTests(FaultPlatform platform, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Orders = 20;
    private readonly PartnerReceiver _receiver = new();
    private readonly HttpClient _api = new() { Timeout = TimeSpan.FromSeconds(40) };

    public Task InitializeAsync()
    {
        _api.BaseAddress = new Uri(platform.PublicApi.BaseUrl);
        _api.DefaultRequestHeaders.Authorization = new("Bearer", DemoPartner.TestKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _api.Dispose();
    }

    [Fact]
    public async Task Every_order_event_arrives_signed_through_a_receiver_outage_and_a_killed_public_api()
    {
        var endpoint = await RegisterEndpointAsync();
        var product = (await GetJsonAsync("/api/v2/products?pageSize=1"))["items"]![0]!["id"]!.GetValue<Guid>();
        var placed = new List<Guid>();
        for (var i = 0; i < Orders; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/orders")
            {
                Content = JsonContent.Create(new { lines = new[] { new { productId = product, quantity = 1 } }, customerReference = $"fault-{i}" }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await _api.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"order {i}: {(int)response.StatusCode} {body}");
            placed.Add(JsonNode.Parse(body)!["id"]!.GetValue<Guid>());
        }

        // The receiver is down: public-api takes every event in and keeps trying.
        await WaitForAsync(async () => (await DeliveriesAsync(endpoint)).Count(d => d.Attempts > 0) == Orders, "every delivery tried while the receiver is down");
        Assert.Empty(_receiver.Arrivals);

        // It comes back, slowly; public-api dies while it is sending.
        _receiver.Delay = TimeSpan.FromMilliseconds(400);
        await _receiver.StartAsync();
        await WaitForAsync(() => Task.FromResult(_receiver.Arrivals.Count(a => !a.Aborted) >= 4), "the first answered webhooks");
        await platform.PublicApi.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        var beforeKill = _receiver.Arrivals.ToList();
        Assert.True(beforeKill.Select(a => a.OrderId).Distinct().Count() < Orders, "everything arrived before the kill: nothing was cut mid-dispatch");

        await platform.PublicApi.StartAsync();
        // What was in flight at the kill stays leased to the dead process for LeaseDuration (12 s), then goes again.
        await WaitForAsync(async () => (await DeliveriesAsync(endpoint)).All(d => d.Status == "succeeded"), "every delivery succeeded", TimeSpan.FromSeconds(120));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var arrivals = _receiver.Arrivals.ToList();

        output.WriteLine($"{arrivals.Count} requests for {Orders} events; {beforeKill.Count} before the kill, {arrivals.Count(a => a.Aborted)} unanswered at it");
        Assert.All(arrivals, a => Assert.True(a.SignatureValid, $"{a.MessageId}: bad signature"));
        Assert.Equal(placed.Order(), arrivals.Select(a => a.OrderId).Distinct().Order());
        Assert.Equal(Orders, arrivals.Select(a => a.MessageId).Distinct().Count());
        // Sent again only what the receiver had not acknowledged when public-api died: requests cut
        // off at the kill, or answered in its last second (public-api gone before it recorded them).
        var acknowledgedBeforeKill = beforeKill.Where(a => !a.Aborted && a.AnsweredAt < killedAt.AddSeconds(-1)).Select(a => a.MessageId).ToHashSet();
        var resent = arrivals.Skip(beforeKill.Count).Where(a => acknowledgedBeforeKill.Contains(a.MessageId)).Select(a => a.MessageId).ToList();
        Assert.True(resent.Count == 0, $"acknowledged before the kill and sent again: {string.Join(", ", resent)}");
        Assert.True(arrivals.Count(a => !a.Aborted) - Orders <= FaultPlatform.MaxConcurrentSends,
            $"{arrivals.Count(a => !a.Aborted) - Orders} repeats answered: more than the {FaultPlatform.MaxConcurrentSends} in flight at the kill");
    }

    private async Task<Guid> RegisterEndpointAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/webhooks/endpoints")
        {
            Content = JsonContent.Create(new { url = _receiver.Url, eventTypes = new[] { "order.created.v1" } }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await _api.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {body}");
        var created = JsonNode.Parse(body)!;
        _receiver.Secret = created["secret"]!.GetValue<string>();
        return created["endpoint"]!["id"]!.GetValue<Guid>();
    }

    private async Task<List<(string Status, int Attempts)>> DeliveriesAsync(Guid endpoint)
    {
        var page = await GetJsonAsync($"/api/v2/webhooks/endpoints/{endpoint}/deliveries?limit=100");
        return page["items"]!.AsArray().Select(d => (d!["status"]!.GetValue<string>(), d["attempts"]!.GetValue<int>())).ToList();
    }

    private async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await _api.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    private async Task WaitForAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for {what}\n{platform.Logs()}");
            await Task.Delay(200);
        }
    }
}
