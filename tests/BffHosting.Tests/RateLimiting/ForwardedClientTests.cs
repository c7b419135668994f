using System.Net;
using BffPlatform.BffHosting.RateLimiting;
using BffPlatform.Identity.Tests.Infrastructure;
using BffPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace BffPlatform.BffHosting.Tests.RateLimiting;

/// <summary>
/// Behind an Ingress every visitor arrives from the proxy's address: the door partitions visitors by
/// the client address <c>X-Forwarded-For</c> names, but only when the proxy is one of <c>ForwardedHeaders</c>
/// (ServiceDefaults); anyone else's header is ignored, so nobody escapes a limit by inventing addresses.
/// </summary>
public sealed class ForwardedClientTests
{
    private const string Proxy = "127.0.0.9";

    [Fact]
    public async Task A_spoofed_forwarded_for_from_an_untrusted_peer_does_not_give_a_fresh_quota()
    {
        await using var door = await StartDoorAsync();
        using var client = LoopbackClient.Create(door.Port, "127.0.0.2");

        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, door, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(client, door, "203.0.113.2"));
    }

    [Fact]
    public async Task Through_a_trusted_proxy_each_forwarded_client_has_its_own_quota()
    {
        await using var door = await StartDoorAsync();
        using var proxy = LoopbackClient.Create(door.Port, Proxy);

        Assert.Equal(HttpStatusCode.OK, await GetAsync(proxy, door, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(proxy, door, "203.0.113.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(proxy, door, "203.0.113.1"));
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, Door door, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{door.Port}/limited");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>A door partitioning visitors by address, as bff-web and bff-mobile do: one request per hour each.</summary>
    private static async Task<Door> StartDoorAsync()
    {
        var port = BffPlatform.Testing.Processes.FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var settings = RateLimitedApp.Settings(burst: 10, burstSeconds: 60, sustained: 1, sustainedSeconds: 3600);
        settings["ForwardedHeaders:KnownProxies:0"] = Proxy;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddDoorRateLimiting(context => "ip:" + context.Connection.RemoteIpAddress);
        var app = builder.Build();
        app.UseServiceDefaults();
        app.UseRouting();
        app.UseDoorRateLimiting();
        app.MapGet("/limited", () => "ok").RequireDoorRateLimit("default");
        await app.StartAsync();
        return new Door(app, port);
    }

    private sealed record Door(WebApplication App, int Port) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
