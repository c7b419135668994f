using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BffPlatform.Testing.Web;

/// <summary>A door's API calls as its tests make them (X-CSRF, JSON) and the Problem Details they expect.</summary>

internal static class Http
{
    public static HttpRequestMessage Api(HttpMethod method, string path, bool csrf = true, object? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (csrf) request.Headers.Add("X-CSRF", "1");
        if (json is not null) request.Content = JsonContent.Create(json);
        return request;
    }

    public static Task<HttpResponseMessage> GetApiAsync(this HttpClient client, string path, bool csrf = true) =>
        client.SendAsync(Api(HttpMethod.Get, path, csrf));

    /// <summary>Asserts a Problem Details answer with the given status and code; returns the body.</summary>
    public static async Task<JsonObject> AssertProblemAsync(this HttpResponseMessage response, int status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(code, problem["code"]?.GetValue<string>());
        Assert.Equal(status, problem["status"]?.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()));
        return problem;
    }

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected success, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
