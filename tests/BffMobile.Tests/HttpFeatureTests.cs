using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BffPlatform.BffMobile.Tests.Infrastructure;

namespace BffPlatform.BffMobile.Tests;

/// <summary>What a phone on a bad network is owed: validators and 304s, compression, rate-limit headers, the update refusal.</summary>
[Collection(MobileCollection.Name)]
public sealed class HttpFeatureTests(MobilePlatform platform)
{
    [Theory]
    [InlineData("/mobile/v1/home")]
    [InlineData("/mobile/v1/products")]
    [InlineData("/mobile/v1/categories")]
    [InlineData("/mobile/v1/orders")]
    [InlineData("/mobile/v1/cart")]
    [InlineData("/mobile/v1/me")]
    public async Task Every_get_has_an_etag_and_answers_304_to_it(string path)
    {
        using var app = platform.Door.App(await platform.AccessTokenAsync(DemoUsers.Alice));

        using var first = await app.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        using var again = await app.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, again.Headers.ETag);

        using var stale = new HttpRequestMessage(HttpMethod.Get, path);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\"", isWeak: true));
        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task A_product_page_gets_a_new_etag_when_the_cart_changes_the_home()
    {
        using var app = platform.Door.App(await platform.AccessTokenAsync(DemoUsers.Erin));
        var before = (await app.GetAsync("/mobile/v1/cart")).Headers.ETag;

        (await app.PutAsJsonAsync($"/mobile/v1/cart/items/{await CartTests.InStockProductAsync(app)}", new { quantity = 1 })).EnsureSuccessStatusCode();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/mobile/v1/cart");
        request.Headers.IfNoneMatch.Add(before!);
        using var after = await app.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before, after.Headers.ETag);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Answers_are_compressed_when_asked(string encoding)
    {
        using var app = platform.Door.App();
        using var plain = await app.GetAsync("/mobile/v1/products?limit=50");
        var plainBytes = (await plain.Content.ReadAsByteArrayAsync()).Length;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/mobile/v1/products?limit=50");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var compressed = await app.SendAsync(request);

        Assert.Equal(encoding, Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.True((await compressed.Content.ReadAsByteArrayAsync()).Length < plainBytes / 2);
        Assert.Equal(plain.Headers.ETag, compressed.Headers.ETag);
    }

    [Fact]
    public async Task An_app_below_the_minimum_version_is_told_to_update()
    {
        using var old = platform.Door.App(appVersion: "0.9.7");

        var problem = await (await old.GetAsync("/mobile/v1/products")).AssertProblemAsync(400, "app_update_required");

        Assert.Equal("1.0.0", problem["minimumVersion"]!.GetValue<string>());
        using var current = platform.Door.App(appVersion: "1.0.0");
        Assert.Equal(HttpStatusCode.OK, (await current.GetAsync("/mobile/v1/products")).StatusCode);
        using var newer = platform.Door.App(appVersion: "2.1-beta+42");
        Assert.Equal(HttpStatusCode.OK, (await newer.GetAsync("/mobile/v1/products")).StatusCode);
        using var none = platform.Door.App();
        Assert.Equal(HttpStatusCode.OK, (await none.GetAsync("/mobile/v1/products")).StatusCode);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("1")]
    [InlineData("1.2.3.4")]
    public async Task A_malformed_app_version_is_400_naming_the_header(string version)
    {
        using var app = platform.Door.App(appVersion: version);

        var problem = await (await app.GetAsync("/mobile/v1/products")).AssertProblemAsync(400, "validation_failed");

        Assert.NotNull(problem["errors"]!["X-App-Version"]);
    }

    [Fact]
    public async Task Every_answer_carries_the_rate_limit_headers_and_the_limit_is_429_with_retry_after()
    {
        using var app = platform.DoorWithSmallLimits.App(await platform.AccessTokenAsync(DemoUsers.Erin));

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++) answers.Add(await app.GetAsync("/mobile/v1/categories"));

        Assert.All(answers[..3], a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal("\"burst\";q=3;w=10, \"minute\";q=5;w=60", answers[0].Headers.GetValues("RateLimit-Policy").Single());
        Assert.StartsWith("\"burst\";r=2;t=", answers[0].Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);
        var refused = answers[3];
        await refused.AssertProblemAsync(429, "rate_limited");
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.NotEmpty(refused.Headers.GetValues("RateLimit"));

        // Another user has a quota of their own.
        using var other = platform.DoorWithSmallLimits.App(await platform.AccessTokenAsync(DemoUsers.Fay));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/mobile/v1/categories")).StatusCode);
    }
}
