using BffPlatform.BffHosting.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BffPlatform.BffHosting.Tests.RateLimiting;

/// <summary>
/// A door in memory with the library's rate limiting: <c>/limited</c> uses policy <c>default</c>,
/// <c>/free</c> none; the partition is the <c>X-Partition</c> header (as a door's user or API key).
/// </summary>
internal sealed class RateLimitedApp : IAsyncDisposable
{
    public const string PartitionHeader = "X-Partition";
    public const string PolicyHeader = "X-Policy";
    private readonly WebApplication _app;

    private RateLimitedApp(WebApplication app) => _app = app;

    public static async Task<RateLimitedApp> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        builder.AddDoorRateLimiting(context => context.Request.Headers[PartitionHeader].FirstOrDefault());
        var app = builder.Build();
        // With Redis configured, the platform's `redis` check answers here.
        app.MapHealthChecks("/health/ready");
        app.UseRouting();
        app.UseDoorRateLimiting();
        app.MapGet("/limited", () => "ok").RequireDoorRateLimit("default");
        app.MapGet("/free", () => "ok");
        // The policy picked per request (a partner's plan), "default" when it names none or an unknown one.
        app.MapGet("/picked", () => "ok").RequireDoorRateLimit("default", context => context.Request.Headers[PolicyHeader].FirstOrDefault());
        await app.StartAsync();
        return new RateLimitedApp(app);
    }

    public static Dictionary<string, string?> Settings(int burst, int burstSeconds, int sustained, int sustainedSeconds, bool enabled = true) => new()
    {
        ["RateLimiting:Enabled"] = enabled ? "true" : "false",
        ["RateLimiting:Policies:default:Burst:Permits"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:Policies:default:Burst:Window"] = TimeSpan.FromSeconds(burstSeconds).ToString(),
        ["RateLimiting:Policies:default:Sustained:Name"] = "hour",
        ["RateLimiting:Policies:default:Sustained:Permits"] = sustained.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:Policies:default:Sustained:Window"] = TimeSpan.FromSeconds(sustainedSeconds).ToString(),
    };

    public Task<HttpResponseMessage> GetAsync(string path, string partition = "alice", string? policy = null)
    {
        var client = _app.GetTestClient();
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(PartitionHeader, partition);
        if (policy is not null) request.Headers.Add(PolicyHeader, policy);
        return client.SendAsync(request);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
