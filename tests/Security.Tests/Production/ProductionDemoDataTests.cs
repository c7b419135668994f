using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BffPlatform.Testing.Partners;

namespace BffPlatform.Security.Tests.Production;

/// <summary>
/// API8 in Production: nothing of the Development setup is there. The demo partner's checked-in
/// keys are refused, the demo users cannot sign in, the default <c>-dev-secret</c> client secrets
/// get no token, and core-api holds no demo catalog.
/// </summary>
[Collection(ProductionCollection.Name)]
[Trait("owasp", "API8")]
public sealed partial class ProductionDemoDataTests(ProductionPlatform platform)
{
    [Theory]
    [InlineData(DemoPartner.TestKey)]
    [InlineData(DemoPartner.PublishableKey)]
    public async Task The_demo_partners_keys_are_refused(string key)
    {
        using var api = ProductionPlatform.Client(platform.PublicUrl, key);
        using var response = await api.GetAsync("/api/v2/products");
        await response.AssertProblemAsync(401, "api_key_invalid");
    }

    [Theory]
    [InlineData("alice@shop.test", "Alice!2345")]
    [InlineData("staff@shop.test", "Staff!2345")]
    public async Task The_demo_users_cannot_sign_in(string email, string password)
    {
        using var identity = platform.IdentityClient(cookies: true);
        using var page = await identity.GetAsync("/account/login");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, "no antiforgery token on the sign-in page: " + html);

        using var signIn = await identity.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["v"].Value),
            ["Email"] = email,
            ["Password"] = password,
            ["ReturnUrl"] = "/",
        }));
        var answer = await signIn.Content.ReadAsStringAsync();

        // The page again with the one message for every failure; no redirect, no sign-in cookie.
        Assert.True(signIn.StatusCode == HttpStatusCode.OK, $"sign-in answered {(int)signIn.StatusCode}: {answer}");
        Assert.Contains("Invalid email or password.", answer, StringComparison.Ordinal);
        Assert.False(signIn.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)),
            "a sign-in cookie was set");
    }

    [Theory]
    [InlineData("internal-tools")]
    [InlineData("public-api")]
    [InlineData("bff-mobile")]
    public async Task The_development_client_secrets_get_no_token(string client)
    {
        using var identity = platform.IdentityClient();
        using var response = await identity.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client,
            ["client_secret"] = client + "-dev-secret",
            ["scope"] = "core-api",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"identity answered {(int)response.StatusCode}: {body}");
        Assert.Equal("invalid_client", JsonNode.Parse(body)!["error"]!.GetValue<string>());
        Assert.DoesNotContain("access_token", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Core_api_holds_no_demo_catalog()
    {
        using var core = ProductionPlatform.Client(platform.CoreUrl, await platform.CoreTokenAsync());
        var page = JsonNode.Parse(await core.GetStringAsync("/api/v1/products?pageSize=100"))!;
        Assert.Empty(page["items"]!.AsArray());
    }

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="(?<v>[^"]+)"|value="(?<v>[^"]+)"[^>]*name="__RequestVerificationToken""")]
    private static partial Regex AntiforgeryField();
}
