using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Webhooks.Dispatch;

/// <summary>Runs dispatch rounds back to back while there is work, else every <c>DispatchInterval</c>.</summary>
internal sealed partial class DispatchService(
    WebhookDispatcher dispatcher,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<DispatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.DispatchEnabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await dispatcher.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(logger, e);
            }
            if (sent > 0)
            {
                continue;
            }
            try
            {
                await Task.Delay(o.DispatchInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook dispatch round failed; trying again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
