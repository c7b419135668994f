using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using BffPlatform.PartnerClient;
using BffPlatform.Testing.Webhooks;

namespace BffPlatform.ScaledOut.Tests.Deploy;

/// <summary>
/// Each service started with the environment its manifest gives it passes start-up validation
/// and answers its probe paths; the doors pass the caller's trace to core-api; every metric an
/// alert rule names is one the services export over OTLP.
/// </summary>
public sealed class DeployedPlatformTests(DeployedPlatform platform) : IClassFixture<DeployedPlatform>
{
    public static TheoryData<string> Services => new(PlatformServices.All.Select(s => s.Name));

    public static TheoryData<string> MigratedServices => new(ManifestTests.MigratedServices);

    [Theory]
    [MemberData(nameof(MigratedServices))]
    public void The_migration_job_step_migrates_and_exits_zero(string service)
    {
        var (exitCode, output) = platform.Migrations[service];
        Assert.True(exitCode == 0, $"{service} --migrate: exit {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}\n{Tail(output)}");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Starts_with_its_manifest_environment_and_answers_its_probe_paths(string service)
    {
        Assert.False(platform.Failures.TryGetValue(service, out var failure), failure);
        var container = platform.Manifests.Container(service);
        using var http = new HttpClient { BaseAddress = new Uri(platform.Url(service)), Timeout = TimeSpan.FromSeconds(10) };
        foreach (var probe in new[] { "livenessProbe", "startupProbe", "readinessProbe" })
        {
            var path = Manifests.Str(container, probe, "httpGet", "path")!;
            using var response = await WaitForOkAsync(http, path, TimeSpan.FromSeconds(60));
            Assert.True(response.StatusCode == HttpStatusCode.OK,
                $"{service} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{platform.Log(service)}");
        }
    }

    [Theory]
    [InlineData("bff-web", "/api/products/categories", null)]
    [InlineData("bff-mobile", "/mobile/v1/categories", null)]
    [InlineData("public-api", "/api/v2/products", "bp_test_nXd8YEG2p0P4gWqvRflbP0b3wFdPOj1qSh3q")]
    public async Task A_door_passes_the_callers_trace_on_to_core_api(string door, string path, string? apiKey)
    {
        Assert.DoesNotContain(platform.Failures, f => f.Key is "identity" or "core-api" || f.Key == door);
        using var http = new HttpClient { BaseAddress = new Uri(platform.Url(door)), Timeout = TimeSpan.FromSeconds(30) };
        // A cold start on a busy machine can time the first upstream call out (504): a fresh trace per attempt.
        var traceId = "";
        HttpResponseMessage? response = null;
        for (var attempt = 0; attempt < 3 && response?.IsSuccessStatusCode != true; attempt++)
        {
            response?.Dispose();
            traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01");
            request.Headers.TryAddWithoutValidation("X-CSRF", "1");
            if (apiKey is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            }
            response = await http.SendAsync(request);
        }
        using (response)
        {
            Assert.True(response!.IsSuccessStatusCode, $"{door} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        // core-api's own span of the call carries the caller's trace id: the door sent traceparent.
        await Eventually(() => platform.Collector.TraceIds("core-api").Contains(traceId), TimeSpan.FromSeconds(30),
            () => $"core-api exported no span of trace {traceId} ({platform.Collector.TraceIds("core-api").Count} trace ids seen)\n{platform.Log(door)}");
        Assert.Contains(traceId, platform.Collector.TraceIds(door));
    }

    [Fact]
    public async Task A_webhook_delivery_continues_the_trace_of_the_order_placed_through_public_api()
    {
        Assert.DoesNotContain(platform.Failures, f => f.Key is "identity" or "core-api" or "public-api");
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        const string key = "bp_test_nXd8YEG2p0P4gWqvRflbP0b3wFdPOj1qSh3q";
        using var http = new HttpClient { BaseAddress = new Uri(platform.Url("public-api") + "/"), Timeout = TimeSpan.FromSeconds(30) };
        var api = PartnerApi.V2(http, key);
        await api.RegisterWebhookAsync(new NewWebhookEndpoint(receiver.Url, ["order.created.v1"]), Guid.NewGuid().ToString());
        var product = (await api.ListProductsAsync(pageSize: 1)).Items[0];

        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        // This traceparent only: the test process's own propagation is off.
        using var traced = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null })
        {
            BaseAddress = http.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestHeaders = { { "traceparent", $"00-{traceId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01" } },
        };
        var order = await PartnerApi.V2(traced, key).PlaceOrderAsync(new NewOrder([new NewOrderLine(product.Id, 1)]), Guid.NewGuid().ToString());

        await Eventually(() => receiver.Requests.Any(r => r.Body.Contains(order.Id.ToString(), StringComparison.Ordinal)), TimeSpan.FromSeconds(60),
            () => $"no webhook for order {order.Id}\n{platform.Log("public-api")}");
        Assert.Equal(traceId, receiver.Requests.First(r => r.Body.Contains(order.Id.ToString(), StringComparison.Ordinal)).TraceId);

        // Exported: public-api's delivery span, in the order's trace, a child of the core-api span that wrote the outbox event.
        OtlpSpan? Delivery() => platform.Collector.Spans("public-api").FirstOrDefault(s => s.TraceId == traceId && s.Name == "webhook deliver");
        await Eventually(() => Delivery() is not null, TimeSpan.FromSeconds(30),
            () => $"public-api exported no delivery span of trace {traceId}: {string.Join(", ", platform.Collector.Spans("public-api").Where(s => s.TraceId == traceId).Select(s => s.Name))}");
        Assert.Contains(platform.Collector.Spans("core-api"), s => s.TraceId == traceId && s.SpanId == Delivery()!.ParentSpanId);
    }

    [Fact]
    public async Task Every_metric_an_alert_rule_names_is_exported_over_otlp()
    {
        Assert.Empty(platform.Failures);
        // A burst over bff-mobile's limit (20 a second), so the rejection counter has something to count.
        using (var http = new HttpClient { BaseAddress = new Uri(platform.Url("bff-mobile")), Timeout = TimeSpan.FromSeconds(30) })
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => http.GetAsync("/mobile/v1/categories")));
            Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.TooManyRequests);
            foreach (var answer in answers) answer.Dispose();
        }
        var wanted = AlertRules.All().SelectMany(r => AlertRules.MetricsIn(r.Expr)).Select(AlertRules.InstrumentOf)
            .Append("bffplatform_sessions_active").ToHashSet();
        HashSet<string> Exported() => PlatformServices.All.SelectMany(s => platform.Collector.Strings(s.Name, "metrics"))
            .Select(n => n.Replace('.', '_')).ToHashSet();
        await Eventually(() => wanted.IsSubsetOf(Exported()), TimeSpan.FromSeconds(60),
            () => $"not exported: {string.Join(", ", wanted.Except(Exported()))}");
    }

    private static async Task<HttpResponseMessage> WaitForOkAsync(HttpClient http, string path, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var response = await http.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                return response;
            }
            response.Dispose();
            await Task.Delay(500);
        }
    }

    private static async Task Eventually(Func<bool> condition, TimeSpan limit, Func<string> because)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, because());
            await Task.Delay(250);
        }
    }

    private static string Tail(string output) => string.Join('\n', output.Split('\n').TakeLast(40));
}
