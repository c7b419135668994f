using System.Net;
using System.Text.Json.Nodes;
using BffPlatform.Faults.Tests.Infrastructure;
using BffPlatform.Testing.Identity;

namespace BffPlatform.Faults.Tests.Sessions;

/// <summary>bff-web is killed and started again (a crash, a deploy): its users stay signed in with the cookie they hold.</summary>
[Collection(FaultCollection.Name)]
public sealed class BffWebRestartTests(FaultPlatform platform)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(40) };

    [Fact]
    public async Task A_signed_in_user_stays_signed_in_across_a_killed_and_restarted_bff_web()
    {
        var cookie = await WebSignIn.SessionCookieAsync(platform.BffWeb.BaseUrl, DemoUsers.Bob.Email, DemoUsers.Bob.Password);
        var before = await UserAsync(cookie);
        var ordersBefore = await OrdersAsync(cookie);

        await platform.BffWeb.KillAsync();
        await platform.BffWeb.StartAsync();

        var after = await UserAsync(cookie);
        Assert.False(string.IsNullOrEmpty(before.GetValueOrDefault("sub")));
        Assert.Equal(before["sub"], after.GetValueOrDefault("sub"));
        Assert.Equal(DemoUsers.Bob.Email, after.GetValueOrDefault("email"));
        // The session's tokens survived too: the user's own data still comes from core-api.
        Assert.Equal(ordersBefore, await OrdersAsync(cookie));
    }

    /// <summary>The session's claims (first value of each type) from /bff/user.</summary>
    private async Task<Dictionary<string, string>> UserAsync(string cookie)
    {
        using var response = await Http.SendAsync(Request("/bff/user", cookie));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/bff/user answered {(int)response.StatusCode}: {body}\n{platform.BffWeb.Tail()}");
        return JsonNode.Parse(body)!.AsArray()
            .Select(c => (Type: c!["type"]!.GetValue<string>(), Value: c["value"]!.ToString()))
            .DistinctBy(c => c.Type)
            .ToDictionary(c => c.Type, c => c.Value);
    }

    private async Task<string> OrdersAsync(string cookie)
    {
        using var response = await Http.SendAsync(Request("/api/orders", cookie));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/api/orders answered {(int)response.StatusCode}: {body}\n{platform.BffWeb.Tail()}");
        return body;
    }

    private HttpRequestMessage Request(string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, platform.BffWeb.BaseUrl + path);
        request.Headers.Add("X-CSRF", "1");
        request.Headers.Add("Cookie", $"{WebSignIn.SessionCookie}={cookie}");
        return request;
    }
}
