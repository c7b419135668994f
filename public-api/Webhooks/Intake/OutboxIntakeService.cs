using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Webhooks.Intake;

/// <summary>Reads core-api's outbox into deliveries: at once again after a full batch, else every <c>PollInterval</c>; backs off while core-api fails.</summary>
internal sealed partial class OutboxIntakeService(
    IServiceScopeFactory scopes,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<OutboxIntakeService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.IntakeEnabled)
        {
            return;
        }
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                // A scope per round: the Refit client's HttpClient comes fresh from the factory.
                await using var scope = scopes.CreateAsyncScope();
                taken = await scope.ServiceProvider.GetRequiredService<OutboxIntake>().RunOnceAsync(stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                LogFailed(logger, failures, e);
            }
            if (taken >= o.IntakeBatchSize)
            {
                continue;
            }
            var delay = failures == 0 ? o.PollInterval : TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, o.PollInterval.Ticks << Math.Min(failures, 10)));
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook intake from core-api's outbox failed ({Failures} in a row); retrying")]
    private static partial void LogFailed(ILogger logger, int failures, Exception exception);
}
