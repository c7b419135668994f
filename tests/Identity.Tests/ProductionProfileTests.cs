using System.Net;
using System.Text.Json;
using BffPlatform.Identity.Tests.Infrastructure;

namespace BffPlatform.Identity.Tests;

/// <summary>
/// The Production profile: it refuses to start with what only belongs on a developer's machine
/// (demo users, the default <c>-dev-secret</c> client secrets, an http issuer), naming each, and
/// refuses plain-HTTP requests once started.
/// </summary>
public sealed class ProductionProfileTests
{
    private const string HttpsIssuer = "https://localhost/";

    /// <summary>A Production configuration that is fine except for what <paramref name="overrides"/> change.</summary>
    private static IdentityFactory Production(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Identity:Issuer"] = HttpsIssuer,
            ["Identity:Clients:bff-web:Secret"] = "a-real-bff-web-secret-from-a-vault",
            ["Identity:Clients:bff-mobile:Secret"] = "a-real-bff-mobile-secret-from-a-vault",
            ["Identity:Clients:internal-tools:Secret"] = "a-real-internal-tools-secret-from-a-vault",
            ["Identity:Clients:public-api:Secret"] = "a-real-public-api-secret-from-a-vault",
        };
        // null = leave the key to the appsettings files (a null setting would blank it instead).
        foreach (var (key, value) in overrides)
        {
            if (value is null) settings.Remove(key);
            else settings[key] = value;
        }
        return new IdentityFactory(settings: settings) { Environment = "Production" };
    }

    private static void AssertNames(string failure, string expected) =>
        Assert.True(failure.Contains(expected, StringComparison.Ordinal), $"'{expected}' not in: {failure}");

    [Fact]
    public async Task A_clean_production_configuration_starts_and_serves_discovery_over_https()
    {
        using var identity = Production();
        using var https = identity.CreateClient(new() { BaseAddress = new Uri(HttpsIssuer) });

        var response = await https.GetAsync("/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var discovery = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpsIssuer, discovery.RootElement.GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task Plain_http_is_refused_in_production()
    {
        using var identity = Production();
        using var http = identity.CreateClient(new() { BaseAddress = new Uri("http://localhost/") });

        var discovery = await http.GetAsync("/.well-known/openid-configuration");
        var token = await OAuth.ClientCredentialsAsync(http, OAuth.InternalTools, "a-real-internal-tools-secret-from-a-vault");

        Assert.Equal(HttpStatusCode.BadRequest, discovery.StatusCode);
        Assert.Contains("HTTPS", await discovery.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.True(token.IsError);
        Assert.Null(token.AccessToken);
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/")]
    public async Task Identitys_own_pages_are_refused_over_plain_http_in_production(string path)
    {
        using var identity = Production();
        using var http = identity.CreateClient(new() { BaseAddress = new Uri("http://localhost/"), AllowAutoRedirect = false });
        using var https = identity.CreateClient(new() { BaseAddress = new Uri(HttpsIssuer), AllowAutoRedirect = false });

        var plain = await http.GetAsync(path);
        var secure = await https.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Equal("application/problem+json", plain.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"code\":\"https_required\"", await plain.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.BadRequest, secure.StatusCode);
    }

    [Fact]
    public async Task Health_probes_still_answer_over_plain_http_in_production()
    {
        using var identity = Production();
        using var http = identity.CreateClient(new() { BaseAddress = new Uri("http://localhost/") });

        var live = await http.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public void Demo_users_are_refused_in_production_naming_them()
    {
        using var identity = Production(
            ("Identity:DemoUsers:0:Email", "alice@shop.test"), ("Identity:DemoUsers:0:Password", "Alice!2345"),
            ("Identity:DemoUsers:0:Name", "Alice"), ("Identity:DemoUsers:0:Role", "customer"));

        var failure = identity.StartupFailure();

        AssertNames(failure, "Identity:DemoUsers must be empty outside Development");
        AssertNames(failure, "alice@shop.test");
    }

    [Fact]
    public void Default_client_secrets_are_refused_in_production_naming_each_client()
    {
        // appsettings.json carries the -dev-secret values; Production must override every one.
        using var identity = Production(("Identity:Clients:bff-web:Secret", null), ("Identity:Clients:internal-tools:Secret", null), ("Identity:Clients:public-api:Secret", null));

        var failure = identity.StartupFailure();

        AssertNames(failure, "Identity:Clients:bff-web:Secret is a default development secret");
        AssertNames(failure, "Identity:Clients:internal-tools:Secret is a default development secret");
        AssertNames(failure, "Identity:Clients:public-api:Secret is a default development secret");
        Assert.DoesNotContain("Identity:Clients:bff-mobile:Secret", failure);
    }

    [Fact]
    public void An_http_issuer_is_refused_in_production()
    {
        using var identity = Production(("Identity:Issuer", "http://id.example.test/"));

        var failure = identity.StartupFailure();

        AssertNames(failure, "Identity:Issuer must use https outside Development");
    }

    [Fact]
    public async Task Development_accepts_demo_users_dev_secrets_and_http()
    {
        using var identity = new IdentityFactory();

        var token = await OAuth.ClientCredentialsAsync(identity.CreateClient(), OAuth.InternalTools, OAuth.InternalToolsSecret);

        Assert.False(token.IsError, token.Error);
    }
}
