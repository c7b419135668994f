using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using BffPlatform.Contracts.Partners;
using BffPlatform.Testing.Identity;

namespace BffPlatform.Testing.Partners;

/// <summary>
/// core-api's staff endpoints for partners, keys and usage, with a staff user's token signed in through
/// a real identity (<see cref="StaffSignIn"/>; LocalServices registers core-api's Swagger redirect).
/// </summary>
public sealed class StaffPartners(string coreUrl, string staffToken)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<StaffPartners> SignInAsync(string identityUrl, string coreUrl) =>
        new(coreUrl, await StaffSignIn.AccessTokenAsync(identityUrl, coreUrl + "/api/docs/oauth2-redirect.html", DemoUsers.Staff, "openid roles core-api partners.admin"));

    public async Task<PartnerDto> CreatePartnerAsync(string name, string plan = "free")
    {
        using var core = Client();
        using var response = await core.PostAsJsonAsync("/api/v1/partners", new CreatePartnerRequest(name, plan));
        return await ReadAsync<PartnerDto>(response);
    }

    public async Task<IssuedApiKeyDto> IssueKeyAsync(Guid partner, string kind, IReadOnlyList<string> scopes)
    {
        using var core = Client();
        using var response = await core.PostAsJsonAsync($"/api/v1/partners/{partner}/keys", new IssueApiKeyRequest("test " + kind, kind, scopes));
        return await ReadAsync<IssuedApiKeyDto>(response);
    }

    public async Task RevokeKeyAsync(Guid partner, Guid key)
    {
        using var core = Client();
        using var response = await core.PostAsync($"/api/v1/partners/{partner}/keys/{key}/revoke", null);
        await ReadAsync<ApiKeyDto>(response);
    }

    /// <summary>The partner's usage per key and day, as core-api holds it (summed over reporters).</summary>
    public async Task<IReadOnlyList<UsageDayDto>> UsageAsync(Guid partner)
    {
        using var core = Client();
        using var response = await core.GetAsync($"/api/v1/partners/{partner}/usage");
        return await ReadAsync<List<UsageDayDto>>(response);
    }

    private HttpClient Client() => new() { BaseAddress = new Uri(coreUrl), DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", staffToken) } };

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"core-api answered {(int)response.StatusCode}: {body}");
        }
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }
}
