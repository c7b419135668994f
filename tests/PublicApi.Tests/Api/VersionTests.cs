using System.Net;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Tests.Infrastructure;

namespace BffPlatform.PublicApi.Tests.Api;

/// <summary>v1 and v2 side by side: money as a decimal against minor units, and v1's deprecation on every answer.</summary>
public sealed class VersionTests : IAsyncLifetime
{
    private FakeCore _core = null!;
    private PublicApiFactory _api = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _core = await FakeCore.StartAsync();
        _api = new PublicApiFactory(_core.BaseUrl);
        _key = _core.Issue(ApiKeyKinds.Test, PartnerScopes.All, plan: "enterprise");
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _core.DisposeAsync();
    }

    [Fact]
    public async Task V1_writes_money_as_a_decimal_and_v2_as_integer_minor_units()
    {
        using var client = _api.CreateClient();

        var v1 = (await (await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v1/products", _key))).JsonAsync())["items"]!.AsArray();
        var v2 = (await (await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v2/products", _key))).JsonAsync())["items"]!.AsArray();

        Assert.Equal(12.5m, v1[0]!["price"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(1250, v2[0]!["price"]!["amount"]!.GetValue<long>());
        Assert.Equal("EUR", v2[0]!["price"]!["currency"]!.GetValue<string>());
        // The yen has no minor unit.
        Assert.Equal(1500, v2[1]!["price"]!["amount"]!.GetValue<long>());
        Assert.Equal("1250", v2[0]!["price"]!["amount"]!.ToJsonString());
    }

    [Fact]
    public async Task V2_keeps_the_etag_of_a_single_product()
    {
        using var client = _api.CreateClient();

        using var response = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, $"/api/v2/products/{FakeCore.Widget.Id}", _key));

        Assert.Equal(1250, (await response.JsonAsync())["price"]!["amount"]!.GetValue<long>());
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_v1_answer_errors_included_carries_deprecation_sunset_and_the_migration_link(bool withKey)
    {
        using var client = _api.CreateClient();

        using var response = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v1/ping", withKey ? _key : null));

        Assert.Equal(withKey ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Matches("^@[0-9]+$", Assert.Single(response.Headers.GetValues("Deprecation")));
        var sunset = DateTimeOffset.Parse(Assert.Single(response.Headers.GetValues("Sunset")), System.Globalization.CultureInfo.InvariantCulture);
        var deprecated = DateTimeOffset.FromUnixTimeSeconds(long.Parse(response.Headers.GetValues("Deprecation").Single()[1..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(sunset > deprecated);
        Assert.Contains("rel=\"deprecation\"", Assert.Single(response.Headers.GetValues("Link")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task V2_answers_carry_no_deprecation()
    {
        using var client = _api.CreateClient();

        using var response = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v2/ping", _key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Deprecation"));
        Assert.False(response.Headers.Contains("Sunset"));
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    [InlineData("*/*")]
    [InlineData("image/png, text/plain;q=0.5")]
    public async Task Odd_accept_headers_still_get_json_and_problem_details(string accept)
    {
        using var client = _api.CreateClient();
        using var ok = PublicApiFactory.Request(HttpMethod.Get, "/api/v2/ping", _key);
        ok.Headers.TryAddWithoutValidation("Accept", accept);
        using var refused = PublicApiFactory.Request(HttpMethod.Get, "/api/v2/ping", null);
        refused.Headers.TryAddWithoutValidation("Accept", accept);

        using var answer = await client.SendAsync(ok);
        using var problem = await client.SendAsync(refused);

        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(FakeCore.PartnerA.ToString("D"), (await answer.JsonAsync())["partnerId"]!.GetValue<string>());
        await problem.AssertProblemAsync(401, Contracts.Common.ErrorCodes.ApiKeyMissing);
    }

    [Fact]
    public async Task Ping_echoes_the_partner_scopes_and_the_plan_limits()
    {
        using var client = _api.CreateClient();

        using var response = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v2/ping", _key));

        var ping = await response.JsonAsync();
        Assert.Equal("test", ping["environment"]!.GetValue<string>());
        Assert.Equal("enterprise", ping["plan"]!.GetValue<string>());
        Assert.Equal(PartnerScopes.All, ping["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["burst", "hour"], ping["limits"]!.AsArray().Select(l => l!["name"]!.GetValue<string>()));
        Assert.Equal(100000, ping["limits"]![1]!["permits"]!.GetValue<int>());
        Assert.Equal(Assert.Single(response.Headers.GetValues("RateLimit")), ping["rateLimit"]!.GetValue<string>());
    }
}
