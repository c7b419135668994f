using System.Diagnostics.Metrics;
using BffPlatform.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BffPlatform.ServiceDefaults.Tests.Telemetry;

/// <summary>A gauge read from a store: the export path reads the last sample; a failed sample reports nothing.</summary>
public sealed class SampledGaugeTests
{
    [Fact]
    public async Task The_gauge_reports_the_last_sample_and_goes_quiet_when_sampling_fails()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterName = "BffPlatform.Tests." + Guid.NewGuid().ToString("N");
        var gauge = new TestGauge(services.GetRequiredService<IMeterFactory>(), meterName) { Next = () => 42 };
        using var listener = Listen(meterName, out var seen);

        Assert.Empty(Observe(listener, seen));
        await gauge.StartAsync(CancellationToken.None);
        await gauge.SampledTwiceMoreAsync();
        Assert.Equal(new[] { 42d }, Observe(listener, seen));

        gauge.Next = () => throw new InvalidOperationException("store down");
        await gauge.SampledTwiceMoreAsync();
        Assert.Empty(Observe(listener, seen));

        gauge.Next = () => 7;
        await gauge.SampledTwiceMoreAsync();
        Assert.Equal(new[] { 7d }, Observe(listener, seen));

        await gauge.StopAsync(CancellationToken.None);
    }

    private static MeterListener Listen(string meterName, out List<double> seen)
    {
        var values = new List<double>();
        seen = values;
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == meterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => values.Add(value));
        listener.Start();
        return listener;
    }

    private static List<double> Observe(MeterListener listener, List<double> seen)
    {
        seen.Clear();
        listener.RecordObservableInstruments();
        return [.. seen];
    }

    private sealed class TestGauge(IMeterFactory meters, string meterName)
        : SampledGauge(meters, meterName, "test.gauge", "{thing}", "A test gauge.", TimeProvider.System, NullLogger.Instance)
    {
        private int _samples;

        public Func<double> Next { get; set; } = () => 0;

        protected override TimeSpan Interval => TimeSpan.FromMilliseconds(20);

        /// <summary>
        /// Returns once a sample has begun and finished entirely after this call (its value stored):
        /// the second sample to begin from now proves the first one's result was recorded.
        /// </summary>
        public async Task SampledTwiceMoreAsync()
        {
            var target = Volatile.Read(ref _samples) + 2;
            while (Volatile.Read(ref _samples) < target)
            {
                await Task.Delay(10);
            }
        }

        protected override Task<double?> SampleAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _samples);
            return Task.FromResult<double?>(Next());
        }
    }
}
