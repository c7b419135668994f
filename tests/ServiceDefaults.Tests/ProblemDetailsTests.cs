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
    [InlineData("/page?limit=ten", "limit", "ten")]
    [InlineData("/page?limit=5&from=2026-13-45", "from", "2026-13-45")]
    [InlineData("/page?limit=99999999999", "limit", "99999999999")]
    public async Task An_unreadable_optional_query_value_is_400_naming_it(string path, string name, string value)
    {
        var problem = await ReadProblemAsync(await app.Client.GetAsync(path), HttpStatusCode.BadRequest, ErrorCodes.MalformedRequest);
        Assert.Equal("The request is malformed.", problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($" {name}\"", detail, StringComparison.Ordinal);
        Assert.Contains(value, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readable_optional_query_values_are_bound()
    {
        var response = await app.Client.GetAsync("/page?limit=7&from=2026-11-30");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("7", await response.Content.ReadAsStringAsync());
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
    public async Task A_locked_database_is_503_database_unavailable_with_retry_after_and_no_sql()
    {
        var response = await app.Client.GetAsync("/locked");
        var problem = await ReadProblemAsync(response, HttpStatusCode.ServiceUnavailable, ErrorCodes.DatabaseUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.DoesNotContain("secret_table", problem.ToString());
        Assert.DoesNotContain("SQLite", problem.ToString());
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

    private const string Line = "\"productId\":\"6f9619ff-8b86-d011-b42d-00cf4fc964ff\"";

    private async Task<JsonElement> ErrorsOfAsync(string json)
    {
        var problem = await ReadProblemAsync(await app.PostJsonAsync("/orders", json), HttpStatusCode.BadRequest, ErrorCodes.MalformedRequest);
        Assert.DoesNotContain("System.", problem.ToString());
        Assert.DoesNotContain("BffPlatform.", problem.ToString());
        return problem.GetProperty("errors");
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("\"1e0\"")]
    [InlineData("\"NaN\"")]
    public async Task Numbers_in_strings_are_refused_naming_the_member(string quantity)
    {
        var errors = await ErrorsOfAsync($$"""{"lines":[{{{Line}},"quantity":{{quantity}}}]}""");
        Assert.True(errors.TryGetProperty("$.lines[0].quantity", out var messages), errors.ToString());
        Assert.Contains("number", messages[0].GetString());
    }

    [Fact]
    public async Task A_member_given_twice_is_refused_naming_it()
    {
        var errors = await ErrorsOfAsync($$"""{"lines":[{{{Line}},"quantity":1,"quantity":500}]}""");
        var (field, messages) = Assert.Single(errors.EnumerateObject().Select(p => (p.Name, p.Value)));
        Assert.Equal("$.lines[0].quantity", field);
        Assert.Contains("more than once", messages[0].GetString());
    }

    [Fact]
    public async Task A_duplicated_top_level_member_is_refused()
    {
        var errors = await ErrorsOfAsync($$"""{"lines":[{{{Line}},"quantity":1}],"lines":[]}""");
        Assert.True(errors.TryGetProperty("$.lines", out _), errors.ToString());
    }

    [Theory]
    [InlineData("""{"Lines":[]}""", "$.Lines")]
    [InlineData("""{"LINES":[]}""", "$.LINES")]
    public async Task Member_names_match_exactly(string json, string field)
    {
        var errors = await ErrorsOfAsync(json);
        Assert.True(errors.TryGetProperty(field, out var messages), errors.ToString());
        Assert.Contains("not a member", messages[0].GetString());
    }

    [Fact]
    public async Task A_missing_member_is_named()
    {
        var errors = await ErrorsOfAsync($$"""{"lines":[{{{Line}}}]}""");
        Assert.True(errors.TryGetProperty("$.lines[0].quantity", out var messages), errors.ToString());
        Assert.Equal("'quantity' is required.", messages[0].GetString());
    }

    [Fact]
    public async Task A_missing_top_level_member_is_named()
    {
        var errors = await ErrorsOfAsync("{}");
        Assert.True(errors.TryGetProperty("$.lines", out var messages), errors.ToString());
        Assert.Equal("'lines' is required.", messages[0].GetString());
    }

    [Fact]
    public async Task A_null_member_is_named()
    {
        var errors = await ErrorsOfAsync("""{"lines":null}""");
        Assert.True(errors.TryGetProperty("$.lines", out var messages), errors.ToString());
        Assert.Equal("'lines' must not be null.", messages[0].GetString());
    }

    [Fact]
    public async Task An_unknown_member_is_named()
    {
        var errors = await ErrorsOfAsync($$"""{"lines":[{{{Line}},"quantity":1,"price":0.01}]}""");
        Assert.True(errors.TryGetProperty("$.lines[0].price", out _), errors.ToString());
    }

    [Fact]
    public async Task A_well_formed_body_is_still_accepted()
    {
        var response = await app.PostJsonAsync("/orders", $$"""{"lines":[{{{Line}},"quantity":2}]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", await response.Content.ReadAsStringAsync());
    }
}
