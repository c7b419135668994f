using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BffPlatform.PublicApi.Tests.Infrastructure;

namespace BffPlatform.PublicApi.Tests.OpenApi;

/// <summary>
/// Each version's checked-in document (libs/Contracts/openapi/public-api-v1.json, -v2.json) is what
/// partners generate clients from: it must match what public-api serves. Regenerate with UPDATE_OPENAPI=1.
/// </summary>
public sealed class OpenApiDocumentTests
{
    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public async Task Checked_in_document_matches_the_served_one(string version)
    {
        await using var api = new PublicApiFactory("http://127.0.0.1:9");
        using var client = api.CreateClient();
        var path = RepoPaths.OpenApiDocument("public-api-" + version);

        var normalized = Normalize(await client.GetStringAsync($"/api/openapi/{version}.json"));

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            Assert.False(Environment.GetEnvironmentVariable("CI")?.ToLowerInvariant() is "true" or "1", "UPDATE_OPENAPI=1 is refused under CI: CI checks the checked-in document, it never rewrites it.");
            await File.WriteAllTextAsync(path, normalized);
        }
        Assert.True(File.Exists(path), $"{path} is missing; run the tests with UPDATE_OPENAPI=1.");
        Assert.True(Normalize(await File.ReadAllTextAsync(path)) == normalized,
            $"{path} is stale: regenerate with 'UPDATE_OPENAPI=1 dotnet test tests/PublicApi.Tests --filter OpenApiDocumentTests' and add a line to docs/public-api-changelog.md.");
    }

    [Fact]
    public async Task Each_version_documents_its_own_paths_money_and_the_key_scheme()
    {
        await using var api = new PublicApiFactory("http://127.0.0.1:9");
        using var client = api.CreateClient();

        var v1 = JsonNode.Parse(await client.GetStringAsync("/api/openapi/v1.json"))!;
        var v2 = JsonNode.Parse(await client.GetStringAsync("/api/openapi/v2.json"))!;

        Assert.All(v1["paths"]!.AsObject(), p => Assert.StartsWith("/api/v1/", p.Key, StringComparison.Ordinal));
        Assert.All(v2["paths"]!.AsObject(), p => Assert.StartsWith("/api/v2/", p.Key, StringComparison.Ordinal));
        Assert.Contains("number", v1["components"]!["schemas"]!["Money"]!["properties"]!["amount"]!["type"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("integer", v2["components"]!["schemas"]!["MinorUnitMoney"]!["properties"]!["amount"]!["type"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(v2["components"]!["schemas"]!["Money"]);
        foreach (var document in new[] { v1, v2 })
        {
            Assert.Equal("bearer", document["components"]!["securitySchemes"]!["apiKey"]!["scheme"]!.GetValue<string>());
            Assert.Contains("api_key_malformed", document["info"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
            var create = document["paths"]!.AsObject().Single(p => p.Key.EndsWith("/orders", StringComparison.Ordinal)).Value!["post"]!;
            var idempotency = create["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "Idempotency-Key")!;
            Assert.True(idempotency["required"]!.GetValue<bool>());
        }
    }

    [Theory]
    [InlineData("/api/docs/index.html")]
    [InlineData("/api/redoc/index.html")]
    [InlineData("/api/redoc/v1/index.html")]
    public async Task Swagger_ui_and_redoc_answer_without_a_key(string path)
    {
        await using var api = new PublicApiFactory("http://127.0.0.1:9");
        using var client = api.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    private static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
}
