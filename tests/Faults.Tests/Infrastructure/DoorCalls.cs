using BffPlatform.Testing.Partners;

namespace BffPlatform.Faults.Tests.Infrastructure;

/// <summary>A catalog read through one door, as its client makes it: the SPA (X-CSRF), the mobile app, a partner (API key).</summary>
public sealed record DoorCall(string Door, string BaseUrl, string Prefix, IReadOnlyDictionary<string, string> Headers)
{
    public HttpRequestMessage Request(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + Prefix + path);
        foreach (var (name, value) in Headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    /// <summary>Anonymous visitors of bff-web and bff-mobile, and the demo partner's test key on public-api.</summary>
    public static IReadOnlyList<DoorCall> CatalogOf(FaultPlatform platform) =>
    [
        new("bff-web", platform.BffWeb.BaseUrl, "/api", new Dictionary<string, string> { ["X-CSRF"] = "1" }),
        new("bff-mobile", platform.BffMobile.BaseUrl, "/mobile/v1", new Dictionary<string, string>()),
        new("public-api", platform.PublicApi.BaseUrl, "/api/v2", new Dictionary<string, string> { ["Authorization"] = "Bearer " + DemoPartner.TestKey }),
    ];
}
