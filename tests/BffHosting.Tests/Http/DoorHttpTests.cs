using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using BffPlatform.BffHosting.Http;
using BffPlatform.BffHosting.OpenApi;
using BffPlatform.BffHosting.Upstream;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BffPlatform.BffHosting.Tests.Http;

/// <summary>What the library gives a door's slow-link clients: ETags and 304 on every GET, compression, Idempotency-Key on writes.</summary>
public sealed class DoorHttpTests : IAsyncLifetime
{
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddProblemDetails();
        builder.AddDoorCompression();
        builder.AddDoorOpenApi("v1", _ => { });
        _app = builder.Build();
        _app.UseDoorCompression();
        _app.UseDoorConditionalGet();
        _app.MapDoorOpenApi();
        _app.MapGet("/item", () => TypedResults.Ok(new { name = "tea", padding = new string('x', 2000) }));
        _app.MapGet("/tagged", (HttpContext context) =>
        {
            context.Response.Headers.ETag = "\"v7\"";
            return TypedResults.Ok(new { version = 7 });
        });
        _app.MapGet("/missing", () => TypedResults.NotFound());
        _app.MapPost("/orders", (HttpContext context) => TypedResults.Ok(new { key = context.IdempotencyKey() })).RequireIdempotencyKey();
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private HttpClient Client => _app.GetTestClient();

    [Fact]
    public async Task A_get_gets_a_weak_etag_and_a_matching_if_none_match_gets_304_without_a_body()
    {
        using var first = await Client.GetAsync("/item");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(etag.IsWeak);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/item");
        request.Headers.TryAddWithoutValidation("If-None-Match", $"\"other\", {etag}");
        using var again = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, again.Headers.ETag);
    }

    [Fact]
    public async Task An_etag_set_by_the_endpoint_is_kept_and_star_matches_it()
    {
        using var first = await Client.GetAsync("/tagged");
        Assert.Equal("\"v7\"", first.Headers.ETag!.ToString());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/tagged");
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Errors_and_writes_get_no_etag()
    {
        using var missing = await Client.GetAsync("/missing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Null(missing.Headers.ETag);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders");
        request.Headers.Add("Idempotency-Key", "k-1");
        using var write = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        Assert.Null(write.Headers.ETag);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Json_is_compressed_and_keeps_the_etag_of_the_uncompressed_answer(string encoding)
    {
        using var plain = await Client.GetAsync("/item");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/item");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        using var compressed = await Client.SendAsync(request);

        Assert.Equal(encoding, Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.True((await compressed.Content.ReadAsByteArrayAsync()).Length < (await plain.Content.ReadAsByteArrayAsync()).Length / 4);
        Assert.Equal(plain.Headers.ETag, compressed.Headers.ETag);
    }

    [Theory]
    [InlineData(null, 400, "idempotency_key_missing")]
    [InlineData("", 400, "idempotency_key_missing")]
    [InlineData("has space", 400, "validation_failed")]
    public async Task A_write_without_a_well_formed_key_is_refused_before_the_endpoint(string? key, int status, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders");
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        using var response = await Client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(code, problem["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_openapi_operation_lists_the_required_key()
    {
        var document = JsonNode.Parse(await Client.GetStringAsync("/api/openapi/v1.json"))!;

        var parameter = Assert.Single(document["paths"]!["/orders"]!["post"]!["parameters"]!.AsArray())!;
        Assert.Equal("Idempotency-Key", parameter["name"]!.GetValue<string>());
        Assert.Equal("header", parameter["in"]!.GetValue<string>());
        Assert.True(parameter["required"]!.GetValue<bool>());
        Assert.Null(document["paths"]!["/item"]!["get"]!["parameters"]);
    }
}
