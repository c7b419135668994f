using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace BffPlatform.BffWeb.Tests.Integration.Infrastructure;

/// <summary>Direct calls to identity's token endpoint, as a client would make them.</summary>
public static class IdentityCalls
{
    public const string BffClientId = "bff-web";
    public const string BffClientSecret = "bff-web-dev-secret";

    /// <summary>Tries to redeem a refresh token as bff-web; returns the status and the OAuth error, if any.</summary>
    public static async Task<(int Status, string? Error)> RedeemRefreshTokenAsync(string identityUrl, string refreshToken)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(identityUrl + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = BffClientId,
            ["client_secret"] = BffClientSecret,
            ["refresh_token"] = refreshToken,
        }));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, body?["error"]?.GetValue<string>());
    }

    /// <summary>Revokes a refresh token at identity as bff-web (as an administrator or another device's logout would).</summary>
    public static async Task RevokeAsync(string identityUrl, string refreshToken)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(identityUrl + "/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = BffClientId,
            ["client_secret"] = BffClientSecret,
            ["token"] = refreshToken,
            ["token_type_hint"] = "refresh_token",
        }));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A client-credentials token of internal-tools with catalog.read, for calling core-api directly.</summary>
    public static async Task<AuthenticationHeaderValue> InternalToolsBearerAsync(string identityUrl)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(identityUrl + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "internal-tools",
            ["client_secret"] = "internal-tools-dev-secret",
            ["scope"] = "core-api catalog.read",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return new AuthenticationHeaderValue("Bearer", JsonNode.Parse(body)!["access_token"]!.GetValue<string>());
    }
}
