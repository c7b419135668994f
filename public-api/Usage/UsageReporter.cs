using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Partners;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BffPlatform.PublicApi.Usage;

/// <summary>
/// Writes the absolute counts to core-api every <see cref="UsageOptions.ReportInterval"/> and once more
/// at shutdown. A failed report is simply sent again next time: the counts are absolute. Scaled out,
/// every instance reports the same shared totals under the same reporter ids: the same figures
/// replace themselves at core-api, which keeps the larger of two, so a report overtaken by a newer
/// one changes nothing. The client is held for the reporter's life (one call a minute), so the last
/// report at shutdown does not depend on a service provider that may already be going away.
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

    /// <summary>Sends every kept count; true when core-api took them all (or there was nothing to send).</summary>
    public async Task<bool> ReportAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<UsageReportRequest> reports;
        try
        {
            reports = await counters.SnapshotAsync(cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or OperationCanceledException)
        {
            LogUnreadable(logger, e.Message);
            return false;
        }
        var count = reports.Sum(r => r.Counts.Count);
        try
        {
            foreach (var report in reports)
            {
                using var response = await core.ReportUsageAsync(report, cancellationToken);
                if (!response.IsSuccessful)
                {
                    LogRefused(logger, (int?)response.StatusCode, count);
                    return false;
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or TimeoutException or Polly.ExecutionRejectedException)
        {
            LogFailed(logger, e.Message, count);
            return false;
        }
        counters.Reported(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The usage counts could not be read from Redis ({Error}); they are reported once it answers")]
    private static partial void LogUnreadable(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "core-api refused the usage report ({Status}); {Count} counts are sent again next time")]
    private static partial void LogRefused(ILogger logger, int? status, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The usage report did not reach core-api ({Error}); {Count} counts are sent again next time")]
    private static partial void LogFailed(ILogger logger, string error, int count);
}
