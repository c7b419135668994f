using BffPlatform.Testing.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BffPlatform.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A tiny web server for an attacker's page. It listens on 127.0.0.1 but the browser is sent to
/// <c>http://localhost:port</c>: for the browser that is a different site from 127.0.0.1
/// (cookies ignore ports, not host names), so SameSite and CORS rules apply as across the web.
/// </summary>
public sealed class CrossSitePage : IAsyncDisposable
{
    private readonly WebApplication _app;

    public string Url { get; }

    private CrossSitePage(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public static async Task<CrossSitePage> StartAsync(string html)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/", () => Results.Content(html, "text/html; charset=utf-8"));
        await app.StartAsync();
        return new CrossSitePage(app, $"http://localhost:{port}/");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
