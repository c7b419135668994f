using System.Net;
using System.Text.Json.Nodes;
using BffPlatform.Contracts.Common;
using BffPlatform.Testing.Identity;
using BffPlatform.Testing.Web;

namespace BffPlatform.ScaledOut.Tests.BffWeb;

/// <summary>Two bff-web instances behind no balancer but one cookie jar: a browser that lands on either.</summary>
[Collection(BffWebClusterCollection.Name)]
public sealed class BffWebScaleOutTests(BffWebCluster cluster)
{
    [Fact]
    public async Task A_session_signed_in_on_one_instance_works_on_the_other_and_ended_there_is_refused_on_the_first()
    {
        using var browser = new TestBrowser();
        await browser.SignInSessionAsync(cluster.Bff(0), DemoUsers.Alice.Email, DemoUsers.Alice.Password);

        // Instance 0 has the session in its read cache; instance 1 reads any cookie (one key ring in Redis).
        await ExpectOkAsync(browser, 0, "/api/me");
        await ExpectOkAsync(browser, 1, "/api/me");
        await ExpectOkAsync(browser, 0, "/api/me");

        var logoutUrl = await LogoutUrlAsync(browser, 1);
        using (var logout = await browser.GetAsync(cluster.Bff(1) + logoutUrl))
        {
            Assert.Equal(HttpStatusCode.Found, logout.StatusCode);
            Assert.StartsWith(cluster.IdentityUrl + "/connect/endsession", logout.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        }

        // Not followed to identity (no back-channel logout reaches instance 0): only Redis tells it.
        await (await browser.ApiAsync(HttpMethod.Get, cluster.Bff(0) + "/api/me")).AssertProblemAsync(401, ErrorCodes.Unauthorized);
        await (await browser.ApiAsync(HttpMethod.Get, cluster.Bff(1) + "/api/me")).AssertProblemAsync(401, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task Both_instances_refreshing_one_session_at_once_redeem_each_refresh_token_once()
    {
        using var browser = new TestBrowser();
        await browser.SignInSessionAsync(cluster.Bff(0), DemoUsers.Bob.Email, DemoUsers.Bob.Password);

        // Every request refreshes here: 3 rounds of 8 at once, half on each instance. A refresh token
        // redeemed twice makes identity revoke the grant, and the next refresh ends the session.
        for (var round = 0; round < 3; round++)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                browser.ApiAsync(HttpMethod.Get, cluster.Bff(i % 2) + "/api/me")));
            foreach (var response in responses)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK,
                    $"{(int)response.StatusCode} in round {round}: {await response.Content.ReadAsStringAsync()}\n{cluster.Logs()}");
            }
        }
        await ExpectOkAsync(browser, 0, "/api/me");
        await ExpectOkAsync(browser, 1, "/api/me");
    }

    [Fact]
    public async Task Killing_one_instance_leaves_its_users_signed_in_on_the_other()
    {
        using var browser = new TestBrowser();
        await browser.SignInSessionAsync(cluster.Bff(0), DemoUsers.Alice.Email, DemoUsers.Alice.Password);
        await ExpectOkAsync(browser, 0, "/api/me");

        await cluster.KillBffAsync(0);
        try
        {
            await ExpectOkAsync(browser, 1, "/api/me");
            await ExpectOkAsync(browser, 1, "/bff/user");
        }
        finally
        {
            await cluster.StartBffAsync(0);
        }
        await ExpectOkAsync(browser, 0, "/api/me");
    }

    [Fact]
    public async Task With_Redis_down_sessions_fail_closed_the_instances_stay_up_say_so_and_recover_without_a_restart()
    {
        using var browser = new TestBrowser();
        await browser.SignInSessionAsync(cluster.Bff(0), DemoUsers.Alice.Email, DemoUsers.Alice.Password);
        await ExpectOkAsync(browser, 1, "/api/me");

        await cluster.StopRedisAsync();
        try
        {
            using var http = new HttpClient();
            for (var instance = 0; instance < 2; instance++)
            {
                // A refresh needs the cross-instance lock: refused (401 Problem Details), never a 500, never unchecked.
                await (await browser.ApiAsync(HttpMethod.Get, cluster.Bff(instance) + "/api/me")).AssertProblemAsync(401, ErrorCodes.Unauthorized);
                using var ready = await http.GetAsync(cluster.Bff(instance) + "/health/ready");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
                Assert.Contains("redis", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                using var live = await http.GetAsync(cluster.Bff(instance) + "/health/live");
                Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            }
            Assert.Contains("lock cannot be taken", cluster.Instance(0).Tail(200) + cluster.Instance(1).Tail(200), StringComparison.Ordinal);
        }
        finally
        {
            await cluster.StartRedisAsync();
        }

        // Back without a restart: ready again, and the session (kept through the outage) works on both.
        foreach (var instance in new[] { 0, 1 })
        {
            await cluster.Instance(instance).WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(60));
            Assert.False(cluster.Instance(instance).HasExited);
        }
        await ExpectOkAsync(browser, 0, "/api/me");
        await ExpectOkAsync(browser, 1, "/api/me");
    }

    private async Task ExpectOkAsync(TestBrowser browser, int instance, string path)
    {
        using var response = await browser.ApiAsync(HttpMethod.Get, cluster.Bff(instance) + path);
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"{(int)response.StatusCode} from instance {instance} {path}: {await response.Content.ReadAsStringAsync()}\n{cluster.Logs()}");
    }

    private async Task<string> LogoutUrlAsync(TestBrowser browser, int instance)
    {
        using var response = await browser.ApiAsync(HttpMethod.Get, cluster.Bff(instance) + "/bff/user");
        var claims = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        return claims.First(c => c!["type"]!.GetValue<string>() == "bff:logout_url")!["value"]!.GetValue<string>();
    }
}
