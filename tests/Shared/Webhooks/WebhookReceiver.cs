using System.Collections.Concurrent;
using BffPlatform.Testing.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BffPlatform.Testing.Webhooks;

/// <summary>A partner's webhook receiver on a loopback port (Kestrel), for PublicApi.Tests and ScaledOut.Tests: records every webhook, answers as told, can go down and come back on the same port.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? _app;
    private int _inFlight;
    private readonly ConcurrentDictionary<string, int> _inFlightById = new(StringComparer.Ordinal);

    public int Port { get; } = FreePort.Next();
    public string Url => $"http://127.0.0.1:{Port}/hooks";
    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Called for every webhook after it is recorded; answers 204 unless it sets another status.</summary>
    public Func<HttpContext, Task> Answer { get; set; } = _ => Task.CompletedTask;

    /// <summary>The most requests in flight at once, overall and (any) for a single webhook-id.</summary>
    public int MaxInFlight { get; private set; }
    public int MaxInFlightForOneId { get; private set; }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var id = context.Request.Headers["webhook-id"].ToString();
            var overall = Interlocked.Increment(ref _inFlight);
            var forId = _inFlightById.AddOrUpdate(id, 1, (_, n) => n + 1);
            lock (Requests)
            {
                MaxInFlight = Math.Max(MaxInFlight, overall);
                MaxInFlightForOneId = Math.Max(MaxInFlightForOneId, forId);
            }
            try
            {
                Requests.Enqueue(new Received(id, context.Request.Headers["webhook-timestamp"].ToString(),
                    context.Request.Headers["webhook-signature"].ToString(), context.Request.Path + context.Request.QueryString, body,
                    context.Request.Headers["traceparent"].ToString()));
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                await Answer(context);
            }
            finally
            {
                _inFlightById.AddOrUpdate(id, 0, (_, n) => n - 1);
                Interlocked.Decrement(ref _inFlight);
            }
        });
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}

/// <param name="TraceParent">The W3C <c>traceparent</c> header as sent; empty when there was none.</param>
public sealed record Received(string Id, string Timestamp, string Signature, string Path, string Body, string TraceParent)
{
    /// <summary>The trace id of <see cref="TraceParent"/>; empty when there was none.</summary>
    public string TraceId => TraceParent.Split('-') is [_, var traceId, _, _] ? traceId : "";
}
