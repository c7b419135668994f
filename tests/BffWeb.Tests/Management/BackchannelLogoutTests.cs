using System.Net;
using System.Security.Cryptography;
using BffPlatform.BffWeb.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.BffWeb.Tests.Management;

public sealed class BackchannelLogoutTests : IDisposable
{
    private readonly BffWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task<HttpResponseMessage> PostAsync(HttpClient client, string token) =>
        client.PostAsync("/bff/backchannel", new FormUrlEncodedContent(new Dictionary<string, string> { ["logout_token"] = token }));

    [Fact]
    public async Task A_valid_logout_token_ends_the_sessions_of_that_sid_only()
    {
        using var alice1 = _factory.CreateBrowser();
        using var alice2 = _factory.CreateBrowser();
        await _factory.SignInAsync(alice1, sub: "alice", sid: "sid-1");
        await _factory.SignInAsync(alice2, sub: "alice", sid: "sid-2");
        using var identity = _factory.CreateBrowser();

        var response = await PostAsync(identity, _factory.Identity.CreateLogoutToken(_factory.Time.GetUtcNow(), c => c.Remove("sub")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice1.GetApiAsync("/bff/user")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice2.GetApiAsync("/bff/user")).StatusCode);
    }

    [Fact]
    public async Task A_logout_token_with_only_sub_ends_all_of_the_users_sessions()
    {
        using var alice1 = _factory.CreateBrowser();
        using var alice2 = _factory.CreateBrowser();
        using var bob = _factory.CreateBrowser();
        await _factory.SignInAsync(alice1, sub: "alice", sid: "sid-1");
        await _factory.SignInAsync(alice2, sub: "alice", sid: "sid-2");
        await _factory.SignInAsync(bob, sub: "bob", sid: "sid-3");
        using var identity = _factory.CreateBrowser();

        var response = await PostAsync(identity, _factory.Identity.CreateLogoutToken(_factory.Time.GetUtcNow(), c => c.Remove("sid")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice1.GetApiAsync("/bff/user")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice2.GetApiAsync("/bff/user")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetApiAsync("/bff/user")).StatusCode);
    }

    [Fact]
    public async Task A_replayed_logout_token_is_refused()
    {
        using var client = _factory.CreateBrowser();
        var token = _factory.Identity.CreateLogoutToken(_factory.Time.GetUtcNow());

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, token)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(client, token)).StatusCode);
    }

    public static TheoryData<string> InvalidTokens() =>
    [
        "nonce", "no-events", "wrong-event", "wrong-aud", "wrong-iss", "no-sub-no-sid", "no-jti", "old-iat", "future-iat", "expired",
        "other-key", "bad-typ", "tampered", "alg-none", "garbage",
    ];

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task Invalid_logout_tokens_are_400_and_end_nothing(string defect)
    {
        using var alice = _factory.CreateBrowser();
        await _factory.SignInAsync(alice, sub: "alice", sid: "sid-1");
        using var client = _factory.CreateBrowser();
        var now = _factory.Time.GetUtcNow();
        var idp = _factory.Identity;
        var token = defect switch
        {
            "nonce" => idp.CreateLogoutToken(now, c => c["nonce"] = "n-1"),
            "no-events" => idp.CreateLogoutToken(now, c => c.Remove("events")),
            "wrong-event" => idp.CreateLogoutToken(now, c => c["events"] = new Dictionary<string, object> { ["http://schemas.openid.net/event/other"] = new Dictionary<string, object>() }),
            "wrong-aud" => idp.CreateLogoutToken(now, c => c["aud"] = "bff-mobile"),
            "wrong-iss" => idp.CreateLogoutToken(now, c => c["iss"] = "https://evil.example/"),
            "no-sub-no-sid" => idp.CreateLogoutToken(now, c => { c.Remove("sub"); c.Remove("sid"); }),
            "no-jti" => idp.CreateLogoutToken(now, c => c.Remove("jti")),
            "old-iat" => idp.CreateLogoutToken(now.AddMinutes(-10), c => c["exp"] = now.AddMinutes(5).ToUnixTimeSeconds()),
            "future-iat" => idp.CreateLogoutToken(now.AddMinutes(10)),
            "expired" => idp.CreateLogoutToken(now, c => c["exp"] = now.AddMinutes(-5).ToUnixTimeSeconds()),
            "other-key" => idp.CreateLogoutToken(now, key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key" }),
            "bad-typ" => idp.CreateLogoutToken(now, type: "at+jwt"),
            "tampered" => Tamper(idp.CreateLogoutToken(now)),
            "alg-none" => Unsigned(idp.CreateLogoutToken(now)),
            _ => "not-a-jwt",
        };

        var response = await PostAsync(client, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetApiAsync("/bff/user")).StatusCode);
        // The sender is told what was wrong in words, never a .NET type name.
        var detail = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail), defect);
        Assert.DoesNotContain("Exception", detail);
        Assert.DoesNotContain("SecurityToken", detail);
        Assert.DoesNotContain("could not be validated", detail);
    }

    [Theory]
    [InlineData("other-key", "signed by a key the identity provider does not publish")]
    [InlineData("tampered", "signature")]
    [InlineData("alg-none", "signature")]
    [InlineData("wrong-aud", "not addressed to this client")]
    [InlineData("wrong-iss", "not issued by the configured identity provider")]
    [InlineData("expired", "expired")]
    [InlineData("bad-typ", "typ")]
    [InlineData("garbage", "not a well-formed JWT")]
    public async Task A_refused_logout_token_says_what_was_wrong(string defect, string expected)
    {
        using var client = _factory.CreateBrowser();
        var now = _factory.Time.GetUtcNow();
        var idp = _factory.Identity;
        var token = defect switch
        {
            "other-key" => idp.CreateLogoutToken(now, key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "other-key" }),
            "tampered" => Tamper(idp.CreateLogoutToken(now)),
            "alg-none" => Unsigned(idp.CreateLogoutToken(now)),
            "wrong-aud" => idp.CreateLogoutToken(now, c => c["aud"] = "bff-mobile"),
            "wrong-iss" => idp.CreateLogoutToken(now, c => c["iss"] = "https://evil.example/"),
            "expired" => idp.CreateLogoutToken(now, c => c["exp"] = now.AddMinutes(-5).ToUnixTimeSeconds()),
            "bad-typ" => idp.CreateLogoutToken(now, type: "at+jwt"),
            _ => "not-a-jwt",
        };

        var response = await PostAsync(client, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // Problem Details like every error (it was labelled plain application/json: the security suite's Production case found it).
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Contains(expected, detail);
    }

    [Fact]
    public async Task A_request_without_a_form_is_400()
    {
        using var client = _factory.CreateBrowser();
        var response = await client.PostAsync("/bff/backchannel", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static string Tamper(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"alice\"", "\"bob\"");
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    private static string Unsigned(string jwt)
    {
        var parts = jwt.Split('.');
        return $"{Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"logout+jwt\"}")}.{parts[1]}.";
    }
}
