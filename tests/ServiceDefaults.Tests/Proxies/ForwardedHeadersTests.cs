using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BffPlatform.ServiceDefaults.Tests.Proxies;

/// <summary>
/// Every service believes <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> only from the proxies in
/// <c>ForwardedHeaders</c>; clients connect over real sockets from chosen loopback addresses
/// (Linux routes all of 127/8 to lo), so the service sees a different peer per client.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task Without_configured_proxies_the_headers_are_ignored_even_from_loopback()
    {
        await using var app = await WhoAmIApp.StartAsync([]);

        Assert.Equal("127.0.0.2 http", await app.AskAsync("127.0.0.2", forwardedFor: "203.0.113.7", forwardedProto: "https"));
        // ASP.NET Core's own default trusts loopback proxies; the platform does not.
        Assert.Equal("127.0.0.1 http", await app.AskAsync("127.0.0.1", forwardedFor: "203.0.113.7", forwardedProto: "https"));
    }

    [Fact]
    public async Task A_configured_proxy_gives_the_client_address_and_scheme_and_nobody_else_does()
    {
        await using var app = await WhoAmIApp.StartAsync(new() { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.9" });

        Assert.Equal("203.0.113.7 https", await app.AskAsync("127.0.0.9", forwardedFor: "203.0.113.7", forwardedProto: "https"));
        Assert.Equal("127.0.0.2 http", await app.AskAsync("127.0.0.2", forwardedFor: "203.0.113.7", forwardedProto: "https"));
        Assert.Equal("127.0.0.9 http", await app.AskAsync("127.0.0.9", forwardedFor: null, forwardedProto: null));
    }

    [Fact]
    public async Task A_configured_network_trusts_every_proxy_in_it()
    {
        await using var app = await WhoAmIApp.StartAsync(new() { ["ForwardedHeaders:KnownNetworks:0"] = "127.0.0.8/29" });

        Assert.Equal("198.51.100.4 http", await app.AskAsync("127.0.0.12", forwardedFor: "198.51.100.4", forwardedProto: null));
        Assert.Equal("127.0.0.16 http", await app.AskAsync("127.0.0.16", forwardedFor: "198.51.100.4", forwardedProto: null));
    }

    [Fact]
    public async Task Bad_proxy_settings_refuse_start_up_naming_the_key()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => WhoAmIApp.StartAsync(new()
        {
            ["ForwardedHeaders:KnownProxies:0"] = "not-an-ip",
            ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/99",
        }));

        Assert.Contains("ForwardedHeaders:KnownProxies: 'not-an-ip' is not an IP address", error.Message);
        Assert.Contains("ForwardedHeaders:KnownNetworks: '10.0.0.0/99' is not a network", error.Message);
    }

    /// <summary>A platform service on a loopback port answering "address scheme" of the client it sees.</summary>
    private sealed class WhoAmIApp(WebApplication app, int port) : IAsyncDisposable
    {
        public static async Task<WhoAmIApp> StartAsync(Dictionary<string, string?> settings)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
            var port = BffPlatform.Testing.Processes.FreePort.Next();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(settings);
            builder.AddServiceDefaults();
            var app = builder.Build();
            app.UseServiceDefaults();
            app.MapGet("/whoami", (HttpContext context) => $"{context.Connection.RemoteIpAddress} {context.Request.Scheme}");
            try
            {
                await app.StartAsync();
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
            return new WhoAmIApp(app, port);
        }

        public async Task<string> AskAsync(string from, string? forwardedFor, string? forwardedProto)
        {
            var local = IPAddress.Parse(from);
            using var http = new HttpClient(new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellationToken) =>
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    try
                    {
                        socket.Bind(new IPEndPoint(local, 0));
                        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            });
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/whoami");
            if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
            if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync();
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
