using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using BffPlatform.CoreApi.Tests.Infrastructure;

namespace BffPlatform.CoreApi.Tests.OpenApi;

/// <summary>
/// The checked-in document (libs/Contracts/openapi/core-api.json) is core-api's published
/// contract: it must match what core-api serves. Regenerate with UPDATE_OPENAPI=1.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private const string RelativePath = "libs/Contracts/openapi/core-api.json";

    /// <summary>Served with the development authority, so the document's OAuth URLs are the documented defaults.</summary>
    private sealed class DevAuthorityFactory : CoreApiFactory
    {
        protected override string Authority => "http://127.0.0.1:5100/";
        protected override string EnvironmentName => "Development";
    }

    private static string DocumentPath
    {
        get
        {
            var root = typeof(OpenApiDocumentTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "RepositoryRoot").Value!;
            return Path.Combine(root, RelativePath);
        }
    }

    private static async Task<string> ServedAsync()
    {
        var factory = new DevAuthorityFactory();
        try
        {
            await factory.InitializeAsync();
            using var client = factory.AnonymousClient();
            return await client.GetStringAsync("/api/openapi/v1.json");
        }
        finally
        {
            // The fixture's own disposal also deletes its temporary database folder.
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    [Fact]
    public async Task Checked_in_document_matches_the_served_one()
    {
        var normalized = Normalize(await ServedAsync());

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            // Under CI a rewrite would compare the file with itself and always pass.
            Assert.False(Environment.GetEnvironmentVariable("CI")?.ToLowerInvariant() is "true" or "1", "UPDATE_OPENAPI=1 is refused under CI: CI checks the checked-in document, it never rewrites it.");
            Directory.CreateDirectory(Path.GetDirectoryName(DocumentPath)!);
            await File.WriteAllTextAsync(DocumentPath, normalized);
        }

        Assert.True(File.Exists(DocumentPath), $"{RelativePath} is missing; run the tests with UPDATE_OPENAPI=1.");
        var checkedIn = Normalize(await File.ReadAllTextAsync(DocumentPath));
        Assert.True(checkedIn == normalized,
            $"{RelativePath} is stale: core-api's API changed. Review the change, then regenerate with " +
            "'UPDATE_OPENAPI=1 dotnet test tests/CoreApi.Tests --filter OpenApiDocumentTests' and commit the document.");
    }

    [Fact]
    public async Task Document_describes_the_routes_the_refit_clients_call()
    {
        var document = JsonNode.Parse(await ServedAsync())!;
        var paths = document["paths"]!.AsObject();
        foreach (var (path, method) in new[]
                 {
                     ("/api/v1/cart", "get"), ("/api/v1/cart", "delete"), ("/api/v1/cart/items", "post"),
                     ("/api/v1/cart/items/{productId}", "put"), ("/api/v1/cart/items/{productId}", "delete"), ("/api/v1/cart/checkout", "post"),
                     ("/api/v1/orders", "get"), ("/api/v1/orders", "post"), ("/api/v1/orders/{id}", "get"),
                     ("/api/v1/orders/{id}/cancel", "post"), ("/api/v1/orders/{id}/status", "post"),
                     ("/api/v1/outbox/events", "get"), ("/api/v1/outbox/events/ack", "post"),
                 })
        {
            Assert.True(paths[path]?[method] is not null, $"{method.ToUpperInvariant()} {path} is not in the document");
        }
        var create = paths["/api/v1/orders"]!["post"]!;
        Assert.Contains(create["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "Idempotency-Key" && p["in"]!.GetValue<string>() == "header");
        Assert.Equal("#/components/schemas/OrderDto",
            create["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    private static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
}
