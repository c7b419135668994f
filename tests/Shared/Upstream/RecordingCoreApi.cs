using System.Collections.Concurrent;
using BffPlatform.Testing.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BffPlatform.Testing.Upstream;

/// <summary>A stand-in for core-api on a free loopback port that records every request.</summary>
public sealed class RecordingCoreApi : IAsyncDisposable
{
    private WebApplication? _app;

    public string BaseUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";
    public ConcurrentQueue<Seen> Requests { get; } = new();
    public Func<HttpContext, Task> Answer { get; set; } = _ => Task.CompletedTask;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(BaseUrl);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(context =>
        {
            Requests.Enqueue(new Seen(
                $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            return Answer(context);
        });
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

public sealed record Seen(string Line, Dictionary<string, string> Headers);
