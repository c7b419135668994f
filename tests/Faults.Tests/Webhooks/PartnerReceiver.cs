using System.Collections.Concurrent;
using System.Text.Json;
using BffPlatform.Testing.Processes;
using StandardWebhooks;

namespace BffPlatform.Faults.Tests.Webhooks;

/// <summary>One webhook as the partner saw it: which order, whether its signature held, and whether the answer went back.</summary>
public sealed record Arrival(string MessageId, Guid OrderId, bool SignatureValid, DateTimeOffset AnsweredAt, bool Aborted);

/// <summary>
/// A partner's receiver on a loopback port (Kestrel), down until started: verifies every webhook with
/// the Standard Webhooks library and the endpoint's secret, answers 204 after <see cref="Delay"/>
/// (a slow receiver), and notes whether public-api was still there to take the answer.
/// </summary>
public sealed class PartnerReceiver : IAsyncDisposable
{
    private WebApplication? _app;

    public int Port { get; } = FreePort.Next();
    public string Url => $"http://127.0.0.1:{Port}/hooks";
    public string Secret { get; set; } = "";
    public TimeSpan Delay { get; set; }
    public ConcurrentQueue<Arrival> Arrivals { get; } = new();

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
            var valid = true;
            try
            {
                new StandardWebhook(Secret).Verify(body, context.Request.Headers);
            }
            catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
            {
                valid = false;
            }
            using var json = JsonDocument.Parse(body);
            var order = json.RootElement.GetProperty("data").GetProperty("order").GetProperty("id").GetGuid();
            var aborted = false;
            try
            {
                await Task.Delay(Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // public-api went away (killed) before it could read the answer: not acknowledged.
                aborted = true;
            }
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            Arrivals.Enqueue(new Arrival(context.Request.Headers["webhook-id"].ToString(), order, valid, DateTimeOffset.UtcNow, aborted || context.RequestAborted.IsCancellationRequested));
        });
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
