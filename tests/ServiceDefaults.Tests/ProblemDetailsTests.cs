using System.Net;
using System.Text.Json;
using BffPlatform.Contracts.Common;

namespace BffPlatform.ServiceDefaults.Tests;

public sealed class ProblemDetailsTests(TestApp app) : IClassFixture<TestApp>
{
    private static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string code)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(ErrorCodes.TypeUri(code), problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        return problem;
    }

    [Fact]
    public async Task Malformed_json_is_400_naming_nothing_internal()
    {
        var problem = await ReadProblemAsync(await app.PostJsonAsync("/orders", "{\"lines\": [ {"), HttpStatusCode.BadRequest, ErrorCodes.MalformedRequest);
        Assert.DoesNotContain("System.", problem.ToString());
    }

    [Fact]
    public async Task Wrong_type_names_the_field()
    {
        var json = """{"lines":[{"productId":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","quantity":"many"}]}""";
        var problem = await ReadProblemAsync(await app.PostJsonAsync("/orders", json), HttpStatusCode.BadRequest, ErrorCodes.MalformedRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("$.lines[0].quantity", out _), problem.ToString());
    }

    [Theory]
    [InlineData("""{"lines":[{"productId":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","quantity":1,"price":0.01}]}""")]
    [InlineData("""{"lines":[{"productId":"6f9619ff-8b86-d011-b42d-00cf4fc964ff"}]}""")]
    [InlineData("""{"lines":null}""")]
    [InlineData("""{}""")]
    public async Task Unknown_missing_or_null_members_are_refused(string json)
    {
        await ReadProblemAsync(await app.PostJsonAsync("/orders", json), HttpStatusCode.BadRequest, ErrorCodes.MalformedRequest);
    }

    [Theory]
    [InlineData("""{"status":"teleported"}""")]
    [InlineData("""{"status":2}""")]
    public async Task Enums_are_accepted_by_known_name_only(string json)
    {
        await ReadProblemAsync(await app.PostJsonAsync("/status", json), HttpStatusCode.BadRequest, ErrorCodes.MalformedRequest);
    }

    [Fact]
    public async Task Enum_names_are_camel_case_both_ways()
    {
        var response = await app.PostJsonAsync("/status", """{"status":"shipped"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"shipped\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Oversized_body_is_413()
    {
        var json = "{\"lines\":[" + string.Join(',', Enumerable.Repeat("""{"productId":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","quantity":1}""", 40)) + "]}";
        await ReadProblemAsync(await app.PostJsonAsync("/orders", json), HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge);
    }

    [Fact]
    public async Task Unhandled_exception_is_500_without_details()
    {
        var response = await app.Client.GetAsync("/boom");
        var problem = await ReadProblemAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.InternalError);
        var body = problem.ToString();
        Assert.DoesNotContain("hunter2", body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain(" at ", body);
    }

    [Fact]
    public async Task Unknown_route_is_404_problem()
    {
        await ReadProblemAsync(await app.Client.GetAsync("/nothing/here"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Route_constraint_mismatch_is_404_problem()
    {
        await ReadProblemAsync(await app.Client.GetAsync("/items/abc"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }
}
