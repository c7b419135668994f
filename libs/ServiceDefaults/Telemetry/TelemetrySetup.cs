using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BffPlatform.ServiceDefaults.Telemetry;

internal static class TelemetrySetup
{
    /// <summary>The platform's own meters (rate-limit rejections, active sessions, webhook lag...): docs/observability.md.</summary>
    private const string PlatformMeters = "BffPlatform.*";

    public static void AddPlatformTelemetry(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformLogging();
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentationIfAvailable()
                .AddMeter(PlatformMeters));

        // Export only where a collector is configured (OTEL_EXPORTER_OTLP_ENDPOINT); the embedded
        // default keeps metrics in-process and logs on the console. Traces are recorded only then:
        // without an exporter nobody reads them, yet recording every request's and every outgoing
        // call's spans cost each service CPU on every request (bench/bff-web.sh).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(t => t
                    .AddSource(builder.Environment.ApplicationName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation())
                .UseOtlpExporter();
        }
    }

    private static MeterProviderBuilder AddRuntimeInstrumentationIfAvailable(this MeterProviderBuilder metrics) =>
        metrics.AddMeter("System.Runtime");
}
