using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BffPlatform.BffMobile.Tests.Infrastructure;

/// <summary>bff-mobile in memory (Development), wired to the identity and core-api given in its settings.</summary>
public sealed class MobileDoor(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
{
    /// <summary>A client as the app is: optionally with its bearer token and version.</summary>
    public HttpClient App(string? accessToken = null, string? appVersion = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (accessToken is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (appVersion is not null) client.DefaultRequestHeaders.Add("X-App-Version", appVersion);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
