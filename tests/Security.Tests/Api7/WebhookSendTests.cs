using System.Diagnostics;
using System.Text.Json.Nodes;
using BffPlatform.Testing.Upstream;
using Microsoft.AspNetCore.Http;

namespace BffPlatform.Security.Tests.Api7;

/// <summary>
/// API7 on the send path: what registration let through must still not reach inside at delivery.
/// A URL whose name resolved to a public address when registered and to loopback when sent (DNS
/// rebinding, simulated by rewriting the stored URL) is refused at connect by the strict public-api;
/// a receiver answering 302 to another address is not followed (public-api-on-fake, which allows
/// loopback receivers so that a receiver on this machine can be reached at all).
/// </summary>
[Collection(SecurityCollection.Name)]
[Trait("owasp", "API7")]
public sealed class WebhookSendTests(SecurityPlatform platform)
{
    [Theory]
    [InlineData("http://127.0.0.1:{port}/hook")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/hook")]
    [InlineData("http://localhost:{port}/hook")]
    public async Task A_test_event_to_a_url_that_now_reaches_loopback_is_never_sent(string rebound)
    {
        await using var receiver = new RecordingCoreApi();
        await receiver.StartAsync();
        using var api = SecurityPlatform.Client(platform.PublicUrl, platform.PartnerB.TestKey);
        using var created = await api.RegisterEndpointAsync("https://93.184.216.34/hooks");
        var id = (await created.JsonAsync())["endpoint"]!["id"]!.GetValue<string>();
        try
        {
            var url = rebound.Replace("{port}", new Uri(receiver.BaseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            await platform.SqliteAsync(platform.WebhooksDatabase, $"UPDATE endpoints SET Url = '{url}' WHERE upper(Id) = upper('{id}');");

            using var test = await api.SendTestEventAsync(id);
            await test.JsonAsync();

            var delivery = await FirstAttemptAsync(api, id);
            Assert.Empty(receiver.Requests);
            Assert.NotEqual("Succeeded", delivery["status"]!.ToString());
        }
        finally
        {
            using var deleted = await api.DeleteAsync($"/api/v2/webhooks/endpoints/{id}");
        }
    }

    [Fact]
    public async Task A_receiver_redirecting_elsewhere_is_not_followed()
    {
        await using var target = new RecordingCoreApi();
        await target.StartAsync();
        await using var redirector = new RecordingCoreApi
        {
            Answer = context =>
            {
                context.Response.StatusCode = StatusCodes.Status302Found;
                context.Response.Headers.Location = target.BaseUrl + "/latest/meta-data/";
                return Task.CompletedTask;
            },
        };
        await redirector.StartAsync();
        platform.FakeCore.Answer = SecurityPlatform.AnswerKeyChecksOnlyAsync;
        using var api = SecurityPlatform.Client(platform.PublicOnFakeUrl, SecurityPlatform.FakeCoreKey);
        using var created = await api.RegisterEndpointAsync(redirector.BaseUrl + "/hook");
        var id = (await created.JsonAsync())["endpoint"]!["id"]!.GetValue<string>();

        using var test = await api.SendTestEventAsync(id);
        await test.JsonAsync();
        var delivery = await FirstAttemptAsync(api, id);

        Assert.NotEmpty(redirector.Requests);
        Assert.Empty(target.Requests);
        Assert.Equal(302, delivery["lastStatusCode"]!.GetValue<int>());
        Assert.NotEqual("Succeeded", delivery["status"]!.ToString());
    }

    /// <summary>The endpoint's newest delivery once it has been attempted.</summary>
    private static async Task<JsonNode> FirstAttemptAsync(HttpClient api, string endpoint)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var page = await (await api.GetAsync($"/api/v2/webhooks/endpoints/{endpoint}/deliveries")).JsonAsync();
            if (page["items"]!.AsArray().FirstOrDefault() is { } delivery && delivery["attempts"]!.GetValue<int>() > 0) return delivery;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "no delivery attempt within 30 s: " + page.ToJsonString());
            await Task.Delay(250);
        }
    }
}
