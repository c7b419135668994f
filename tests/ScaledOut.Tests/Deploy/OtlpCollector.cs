using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BffPlatform.ScaledOut.Tests.Deploy;

/// <summary>
/// A stand-in OpenTelemetry collector: accepts OTLP/HTTP protobuf at <c>/&lt;service&gt;/v1/&lt;signal&gt;</c>
/// (each service gets its own base path as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) and keeps what it
/// received, read with <see cref="OtlpWire"/>.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Service, string Signal, byte[] Body)> _received = new();

    public string BaseUrl { get; private set; } = "";

    private OtlpCollector(WebApplication app) => _app = app;

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var collector = new OtlpCollector(app);
        app.MapPost("/{service}/v1/{signal}", async (string service, string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            collector._received.Enqueue((service, signal, body.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();
        collector.BaseUrl = app.Urls.Single();
        return collector;
    }

    /// <summary>The endpoint to give <paramref name="service"/>.</summary>
    public string EndpointFor(string service) => $"{BaseUrl}/{service}";

    /// <summary>Every string field of everything <paramref name="service"/> sent on <paramref name="signal"/> (metric names, attributes...).</summary>
    public IReadOnlySet<string> Strings(string service, string signal) =>
        _received.Where(r => r.Service == service && r.Signal == signal).SelectMany(r => OtlpWire.Strings(r.Body)).ToHashSet();

    /// <summary>The 16-byte fields (trace ids) <paramref name="service"/> sent in its spans, as hex.</summary>
    public IReadOnlySet<string> TraceIds(string service) =>
        _received.Where(r => r.Service == service && r.Signal == "traces")
            .SelectMany(r => OtlpWire.Bytes(r.Body, 16)).Select(Convert.ToHexStringLower).ToHashSet();

    /// <summary>Every span <paramref name="service"/> exported.</summary>
    public IReadOnlyList<OtlpSpan> Spans(string service) =>
        _received.Where(r => r.Service == service && r.Signal == "traces").SelectMany(r => OtlpWire.Spans(r.Body)).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
