using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace BffPlatform.ServiceDefaults.Tests.Telemetry;

/// <summary>Production writes one JSON object per log line (what a cluster's log shipper reads); elsewhere stays readable.</summary>
public sealed class LoggingSetupTests
{
    [Theory]
    [InlineData("Production", null, "json")]
    [InlineData("Development", null, "simple")]
    [InlineData("Staging", null, "simple")]
    [InlineData("Production", "systemd", "systemd")]
    public async Task The_console_formatter_follows_the_environment_unless_configured(string environment, string? configured, string expected)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        if (configured is not null)
        {
            builder.Configuration["Logging:Console:FormatterName"] = configured;
        }
        builder.AddServiceDefaults();
        await using var app = builder.Build();

        var formatter = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName ?? "simple";
        Assert.Equal(expected, formatter);
    }

    [Fact]
    public async Task Production_json_lines_carry_the_trace_and_span_ids()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.AddServiceDefaults();
        await using var app = builder.Build();

        var options = app.Services.GetRequiredService<IOptions<JsonConsoleFormatterOptions>>().Value;
        Assert.True(options.IncludeScopes);
        var tracking = app.Services.GetRequiredService<IOptions<LoggerFactoryOptions>>().Value.ActivityTrackingOptions;
        Assert.True(tracking.HasFlag(ActivityTrackingOptions.TraceId) && tracking.HasFlag(ActivityTrackingOptions.SpanId));
    }
}
