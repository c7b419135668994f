using Microsoft.AspNetCore.Http;

namespace BffPlatform.Security.Tests.Api10;

/// <summary>
/// API10 unsafe consumption of APIs: each door, given malformed core-api output (broken or
/// truncated JSON, the wrong content type, an empty body, the wrong shape), answers 502 Bad
/// Gateway Problem Details (<c>upstream_invalid_response</c>) and passes none of it on.
/// </summary>
[Collection(SecurityCollection.Name)]
[Trait("owasp", "API10")]
public sealed class UnsafeConsumptionTests(SecurityPlatform platform)
{
    private const string Marker = "GARBAGE-FROM-UPSTREAM";
    private static readonly string ProductId = "0f8fad5b-d9cb-469f-a165-70867728950e";

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        var reads = new[]
        {
            ("bff-web", "/api/products"), ("bff-web", $"/api/products/{ProductId}"),
            ("bff-mobile", "/mobile/v1/products"), ("bff-mobile", $"/mobile/v1/products/{ProductId}"),
            ("public-api", "/api/v2/products"), ("public-api", $"/api/v2/products/{ProductId}"),
        };
        foreach (var (door, path) in reads)
        {
            foreach (var garbage in new[] { "malformed json", "truncated json", "html with status 200", "json labelled text/plain", "empty body", "an array, not an object" })
            {
                data.Add(door, path, garbage);
            }
        }
        // The wrong shape is caught where the door reads the value (pages are passed on unread, checked for syntax only).
        data.Add("bff-web", $"/api/products/{ProductId}", "wrong types");
        data.Add("bff-mobile", "/mobile/v1/products", "wrong types");
        data.Add("bff-mobile", $"/mobile/v1/products/{ProductId}", "wrong types");
        data.Add("public-api", $"/api/v2/products/{ProductId}", "wrong types");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_core_api_output_is_502_problem_details_and_nothing_of_it_passes(string door, string path, string garbage)
    {
        platform.FakeCore.Answer = context => AnswerAsync(context, garbage);
        var baseUrl = door switch { "bff-web" => platform.WebOnFakeUrl, "bff-mobile" => platform.MobileOnFakeUrl, _ => platform.PublicOnFakeUrl };
        using var client = SecurityPlatform.Client(baseUrl, door == "public-api" ? SecurityPlatform.FakeCoreKey : null);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-CSRF", "1");

        using var response = await client.SendAsync(request);

        var problem = await response.AssertProblemAsync(502, "upstream_invalid_response");
        Assert.DoesNotContain(Marker, problem.ToJsonString(), StringComparison.Ordinal);
    }

    private static Task AnswerAsync(HttpContext context, string garbage)
    {
        // public-api's key check and usage reports get sane answers: only the catalog is broken.
        if (SecurityPlatform.TryAnswerKeyCheck(context, out var answered)) return answered;
        var valid = $"{{\"items\":[{{\"id\":\"{ProductId}\",\"sku\":\"{Marker}\",\"name\":\"{Marker}\"}}],\"nextCursor\":null}}";
        context.Response.StatusCode = 200;
        switch (garbage)
        {
            case "malformed json":
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync($"{{\"items\":[{{\"name\":\"{Marker}\",}}}} ]");
            case "truncated json":
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync(valid[..(valid.Length / 2)]);
            case "html with status 200":
                context.Response.ContentType = "text/html";
                return context.Response.WriteAsync($"<html><body>{Marker}</body></html>");
            case "json labelled text/plain":
                context.Response.ContentType = "text/plain";
                return context.Response.WriteAsync(valid);
            case "empty body":
                context.Response.ContentType = "application/json";
                return Task.CompletedTask;
            case "an array, not an object":
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync($"[\"{Marker}\"]");
            default:
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync($"{{\"items\":\"{Marker}\",\"id\":\"{Marker}\",\"price\":\"{Marker}\",\"stock\":\"{Marker}\"}}");
        }
    }
}
