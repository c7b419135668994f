using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Partners;
using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Usage;

/// <summary>
/// Writes this instance's absolute counts to core-api every <see cref="UsageOptions.ReportInterval"/> and
/// once more at shutdown. A failed report is simply sent again next time: the counts are absolute.
/// The client is held for the reporter's life (one call a minute), so the last report at shutdown
/// does not depend on a service provider that may already be going away.
/// </summary>
internal sealed partial class UsageReporter(
    UsageCounters counters,
    ICorePartnerGatewayApi core,
    IOptions<UsageOptions> options,
    TimeProvider time,
    ILogger<UsageReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReportInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ReportAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the last report is StopAsync's.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await ReportAsync(cancellationToken);
    }

    /// <summary>Sends every kept count; true when core-api took them (or there was nothing to send).</summary>
    public async Task<bool> ReportAsync(CancellationToken cancellationToken)
    {
        var counts = counters.Snapshot();
        if (counts.Count == 0) return true;
        try
        {
            using var response = await core.ReportUsageAsync(new UsageReportRequest(counters.Reporter, counts), cancellationToken);
            if (!response.IsSuccessful)
            {
                LogRefused(logger, (int?)response.StatusCode, counts.Count);
                return false;
            }
            counters.ForgetBefore(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1));
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or TimeoutException or Polly.ExecutionRejectedException)
        {
            LogFailed(logger, e.Message, counts.Count);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "core-api refused the usage report ({Status}); {Count} counts are sent again next time")]
    private static partial void LogRefused(ILogger logger, int? status, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The usage report did not reach core-api ({Error}); {Count} counts are sent again next time")]
    private static partial void LogFailed(ILogger logger, string error, int count);
}
