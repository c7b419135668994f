using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace BffPlatform.ServiceDefaults.Telemetry;

internal static class LoggingSetup
{
    /// <summary>
    /// One JSON object per line on the console in Production (what log shippers in a cluster read),
    /// with the request's trace and span ids, so a log line leads to its trace; the readable
    /// formatter elsewhere. <c>Logging:Console:FormatterName</c> still decides when it is set.
    /// </summary>
    public static void AddPlatformLogging(this IHostApplicationBuilder builder)
    {
        if (!builder.Environment.IsProduction() || !string.IsNullOrEmpty(builder.Configuration["Logging:Console:FormatterName"]))
        {
            return;
        }
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
    }
}
