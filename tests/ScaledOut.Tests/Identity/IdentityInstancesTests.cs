using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json.Nodes;
using BffPlatform.Testing.Processes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using AppSignIn = BffPlatform.Testing.Identity.NativeAppSignIn;
using Demo = BffPlatform.Testing.Identity.DemoUsers;

namespace BffPlatform.ScaledOut.Tests.Identity;

/// <summary>
/// Two identity instances on one PostgreSQL database and one Redis are interchangeable: the same
/// keys, a token from one honoured by the other, a sign-in that hops between them at every step,
/// and failed sign-ins counted across both (failing open while Redis is down).
/// </summary>
public sealed class IdentityInstancesTests(IdentityPair pair) : IClassFixture<IdentityPair>
{
    private const string AppRedirect = "http://127.0.0.1/callback";

    [Fact]
    public void The_migration_job_migrated_and_seeded_then_exited_without_serving()
    {
        Assert.Contains("The identity database is migrated on Postgres", pair.MigrationOutput);
        Assert.Contains("Seeded demo user alice@shop.test", pair.MigrationOutput);
        Assert.DoesNotContain("Now listening", pair.MigrationOutput);
    }

    [Fact]
    public async Task Both_instances_publish_the_same_keys_from_the_shared_secret()
    {
        using var http = new HttpClient();
        var a = new JsonWebKeySet(await http.GetStringAsync(pair.A.BaseUrl + "/.well-known/jwks"));
        var b = new JsonWebKeySet(await http.GetStringAsync(pair.B.BaseUrl + "/.well-known/jwks"));

        var kids = a.Keys.Select(k => k.Kid).ToList();
        Assert.Equal([KidOf(pair.SigningPem)], kids);
        Assert.Equal(kids, b.Keys.Select(k => k.Kid));
        Assert.Equal(a.Keys.Single().N, b.Keys.Single().N);
    }

    [Fact]
    public async Task A_token_from_one_instance_passes_the_others_userinfo_and_a_JwtBearer_on_the_others_discovery()
    {
        var user = await AppSignIn.SignInAsync(pair.A.BaseUrl, AppRedirect, Demo.Alice);
        var service = await ClientCredentialsAsync(pair.A.BaseUrl);

        using var http = new HttpClient();
        using var userInfo = new HttpRequestMessage(HttpMethod.Get, pair.B.BaseUrl + "/connect/userinfo");
        userInfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        using var answer = await http.SendAsync(userInfo);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, $"{(int)answer.StatusCode}: {body}\n{pair.Logs()}");
        Assert.Equal(Demo.Alice.Email, JsonNode.Parse(body)!["email"]!.GetValue<string>());

        await using var api = await ApiTrustingAsync(pair.B.BaseUrl);
        Assert.Equal("internal-tools", await api.WhoAsync(service));
        Assert.Equal(HttpStatusCode.Unauthorized, await api.StatusAsync(service[..^4] + "AAAA"));
    }

    [Fact]
    public async Task A_sign_in_that_hops_between_instances_at_every_step_works_and_refreshes_on_either()
    {
        var (verifier, challenge) = AppSignIn.Pkce();
        using var browser = new Browser();

        var toLogin = Browser.Location(await browser.GetAsync(AppSignIn.AuthorizeUrl(pair.A.BaseUrl, AppRedirect, challenge, "hop")), pair.A.BaseUrl);
        Assert.Equal("/account/login", toLogin.AbsolutePath);
        // The form (antiforgery cookie and token) comes from A; B checks it, signs in and sets the session cookie.
        var signedIn = await browser.SignInAsync(toLogin.ToString(), pair.B.BaseUrl + "/account/login", Demo.Bob.Email, Demo.Bob.Password);
        var back = Browser.Location(signedIn, pair.B.BaseUrl);
        Assert.Equal("/connect/authorize", back.AbsolutePath);
        // A reads B's session cookie and issues the code; B redeems it.
        var callback = Browser.Location(await browser.GetAsync(pair.A.BaseUrl + back.PathAndQuery), pair.A.BaseUrl);
        Assert.StartsWith(AppRedirect, callback.ToString(), StringComparison.Ordinal);
        var code = System.Web.HttpUtility.ParseQueryString(callback.Query)["code"]!;
        var tokens = await AppSignIn.RedeemCodeAsync(pair.B.BaseUrl, code, verifier, AppRedirect);

        var refreshedOnA = await AppSignIn.RefreshAsync(pair.A.BaseUrl, tokens.RefreshToken!);
        var refreshedOnB = await AppSignIn.RefreshAsync(pair.B.BaseUrl, refreshedOnA.RefreshToken!);

        Assert.Equal(SubjectOf(tokens.AccessToken), SubjectOf(refreshedOnB.AccessToken));
        // The code was spent on B: A refuses it too (one store).
        var (status, error) = await RedeemAgainAsync(pair.A.BaseUrl, code, verifier);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", error);
    }

    [Fact]
    public async Task Failed_sign_ins_are_counted_across_both_instances()
    {
        // Five free failures spread over both instances; the sixth waits, wherever it lands.
        const string email = "nobody-in-particular@shop.test";
        for (var i = 0; i < 5; i++)
        {
            var instance = i % 2 == 0 ? pair.A : pair.B;
            using var guess = await GuessAsync(instance, email);
            Assert.Equal(HttpStatusCode.OK, guess.StatusCode);
        }

        using var sixth = await GuessAsync(pair.B, email);

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.True(sixth.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(4), sixth.Headers.RetryAfter?.ToString());
    }

    [Fact]
    public async Task While_Redis_is_down_sign_ins_fail_open_and_counting_resumes_when_it_returns()
    {
        await pair.Redis.StopAsync();
        try
        {
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(pair.A.BaseUrl + "/health/ready")).StatusCode);
            for (var i = 0; i < 7; i++)
            {
                using var guess = await GuessAsync(i % 2 == 0 ? pair.A : pair.B, Demo.Staff.Email);
                Assert.Equal(HttpStatusCode.OK, guess.StatusCode);
            }
            using var browser = new Browser();
            var signedIn = await browser.SignInAsync(pair.B.BaseUrl + "/account/login", pair.B.BaseUrl + "/account/login", Demo.Staff.Email, Demo.Staff.Password);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
        finally
        {
            await pair.Redis.StartAsync();
        }
        await pair.WaitUntilBothReadyAsync();

        const string email = "after-the-outage@shop.test";
        for (var i = 0; i < 5; i++)
        {
            using var guess = await GuessAsync(i % 2 == 0 ? pair.B : pair.A, email);
            Assert.Equal(HttpStatusCode.OK, guess.StatusCode);
        }
        using var sixth = await GuessAsync(pair.A, email);
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
    }

    /// <summary>A wrong password from a browser that never signed in (no device cookie).</summary>
    private static async Task<HttpResponseMessage> GuessAsync(ServiceProcess instance, string email)
    {
        using var browser = new Browser();
        return await browser.SignInAsync(instance.BaseUrl + "/account/login", instance.BaseUrl + "/account/login", email, "not-the-password");
    }

    private static async Task<string> ClientCredentialsAsync(string identityUrl)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(identityUrl + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "internal-tools", ["client_secret"] = "internal-tools-dev-secret", ["scope"] = "core-api",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    private static async Task<(HttpStatusCode, string?)> RedeemAgainAsync(string identityUrl, string code, string verifier)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(identityUrl + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = AppSignIn.ClientId, ["code"] = code,
            ["code_verifier"] = verifier, ["redirect_uri"] = AppRedirect,
        }));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())?["error"]?.GetValue<string>());
    }

    private static string SubjectOf(string jwt) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(jwt).Subject;

    private static string KidOf(string pem)
    {
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportFromPem(pem);
        return Base64UrlEncoder.Encode(System.Security.Cryptography.SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16];
    }

    /// <summary>An API with a plain JwtBearer whose discovery document (and so its keys) comes from <paramref name="instanceUrl"/>.</summary>
    private static async Task<TrustingApi> ApiTrustingAsync(string instanceUrl)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        builder.WebHost.UseUrls(url);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MetadataAddress = IdentityPair.Issuer + ".well-known/openid-configuration";
            o.BackchannelHttpHandler = new ToInstance(instanceUrl);
            o.RequireHttpsMetadata = false;
            o.Audience = "core-api";
            o.MapInboundClaims = false;
        });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.MapGet("/who", (ClaimsPrincipal user) => user.FindFirst("client_id")?.Value ?? user.FindFirst("sub")?.Value).RequireAuthorization();
        await app.StartAsync();
        return new TrustingApi(app, url);
    }

    private sealed class TrustingApi(WebApplication app, string url) : IAsyncDisposable
    {
        private readonly HttpClient _http = new();

        public async Task<string> WhoAsync(string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url + "/who") { Headers = { Authorization = new("Bearer", token) } };
            using var response = await _http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.Headers.WwwAuthenticate}: {body}");
            return body;
        }

        public async Task<HttpStatusCode> StatusAsync(string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url + "/who") { Headers = { Authorization = new("Bearer", token) } };
            using var response = await _http.SendAsync(request);
            return response.StatusCode;
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await app.DisposeAsync();
        }
    }
}
