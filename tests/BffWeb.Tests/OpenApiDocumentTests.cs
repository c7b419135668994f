using System.Text.Json;
using System.Text.Json.Nodes;
using BffPlatform.BffWeb.Tests.Infrastructure;

namespace BffPlatform.BffWeb.Tests;

/// <summary>
/// The checked-in document (libs/Contracts/openapi/bff-web.json) is what the SPA generates its
/// types from: it must match what bff-web serves. Regenerate with UPDATE_OPENAPI=1.
/// </summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task Checked_in_document_matches_the_served_one()
    {
        using var factory = new BffWebFactory();
        using var client = factory.CreateBrowser();

        var served = await client.GetStringAsync("/api/openapi/v1.json");
        var normalized = Normalize(served);

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            // Under CI a rewrite would compare the file with itself and always pass.
            Assert.False(Environment.GetEnvironmentVariable("CI")?.ToLowerInvariant() is "true" or "1", "UPDATE_OPENAPI=1 is refused under CI: CI checks the checked-in document, it never rewrites it.");
            Directory.CreateDirectory(Path.GetDirectoryName(RepositoryPaths.OpenApiDocument)!);
            await File.WriteAllTextAsync(RepositoryPaths.OpenApiDocument, normalized);
        }

        Assert.True(File.Exists(RepositoryPaths.OpenApiDocument), "libs/Contracts/openapi/bff-web.json is missing; run the tests with UPDATE_OPENAPI=1.");
        var checkedIn = Normalize(await File.ReadAllTextAsync(RepositoryPaths.OpenApiDocument));
        Assert.True(checkedIn == normalized,
            "libs/Contracts/openapi/bff-web.json is stale: regenerate with 'UPDATE_OPENAPI=1 dotnet test tests/BffWeb.Tests --filter OpenApiDocumentTests' and regenerate the SPA's types.");
    }

    [Fact]
    public async Task Document_has_real_schemas_and_string_enums()
    {
        using var factory = new BffWebFactory();
        using var client = factory.CreateBrowser();

        var document = JsonNode.Parse(await client.GetStringAsync("/api/openapi/v1.json"))!;

        var schemas = document["components"]!["schemas"]!;
        Assert.Equal(["pending", "confirmed", "shipped", "delivered", "cancelled"], schemas["OrderStatus"]!["enum"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal("#/components/schemas/PageOfProductDto",
            document["paths"]!["/api/products"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.NotNull(schemas["BffSessionDto"]);
        Assert.NotNull(schemas["UpdateProductRequest"]);
        Assert.Equal("integer", schemas["ProductDto"]!["properties"]!["stock"]!["type"]!.GetValue<string>());
        Assert.Null(document["servers"]);
    }

    private static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
}
