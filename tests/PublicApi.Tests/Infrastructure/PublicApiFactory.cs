using BffPlatform.Contracts.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BffPlatform.PublicApi.Tests.Infrastructure;

/// <summary>public-api in memory, calling <paramref name="coreUrl"/> for core-api and its token; <paramref name="settings"/> on top.</summary>
public sealed class PublicApiFactory(string coreUrl, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var all = new Dictionary<string, string?>
        {
            ["CoreApi:BaseAddress"] = coreUrl + "/",
            ["TokenClient:TokenEndpoint"] = coreUrl + "/connect/token",
            ["TokenClient:Authority"] = coreUrl + "/",
            ["Cors:AllowedOrigins:0"] = "https://shop.partner.test",
            ["Cors:AllowedOrigins:1"] = "http://localhost:5173",
            ["Cors:AllowedOrigins:2"] = "http://127.0.0.1:5173",
        };
        foreach (var (key, value) in Webhooks.WebhookTestSettings.Isolated()) all[key] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        foreach (var (key, value) in all) builder.UseSetting(key, value);
    }

    /// <summary>A request with <paramref name="key"/> as the bearer (none when null).</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string? key, object? json = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        if (idempotencyKey is not null) request.Headers.Add(IdempotencyHeaders.Key, idempotencyKey);
        if (json is not null) request.Content = System.Net.Http.Json.JsonContent.Create(json);
        return request;
    }
}
