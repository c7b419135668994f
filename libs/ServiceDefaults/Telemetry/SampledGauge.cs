using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BffPlatform.ServiceDefaults.Telemetry;

/// <summary>
/// An observable gauge whose value needs a database or network read: sampled asynchronously every
/// <see cref="Interval"/> in the background, so the exporter's synchronous callback only reads the
/// last sample (no I/O on the export path). A failed sample reports nothing until the next one works.
/// </summary>
public abstract partial class SampledGauge : BackgroundService
{
    private readonly ILogger _logger;
    private volatile StrongBox<double>? _last;

    protected SampledGauge(IMeterFactory meters, string meterName, string instrumentName, string unit, string description,
        TimeProvider time, ILogger logger)
    {
        _logger = logger;
        Time = time;
        var meter = meters.Create(meterName);
        meter.CreateObservableGauge(instrumentName, Observe, unit, description);
    }

    protected TimeProvider Time { get; }

    /// <summary>How often the value is read; exporters read the gauge at their own pace.</summary>
    protected virtual TimeSpan Interval => TimeSpan.FromSeconds(15);

    /// <summary>The current value, or null when there is nothing to report.</summary>
    protected abstract Task<double?> SampleAsync(CancellationToken cancellationToken);

    private IEnumerable<Measurement<double>> Observe() =>
        _last is { } sample ? [new Measurement<double>(sample.Value)] : [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Time);
        do
        {
            try
            {
                _last = await SampleAsync(stoppingToken) is { } value ? new StrongBox<double>(value) : null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A store that is down is /health/ready's news; the gauge just goes quiet.
                _last = null;
                LogSampleFailed(_logger, GetType().Name, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Gauge} could not be sampled: {Reason}")]
    private static partial void LogSampleFailed(ILogger logger, string gauge, string reason);
}
