using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BffPlatform.Identity.Tests.Infrastructure;

/// <summary>
/// Keeps every error logged by the host, exception included. A failed start is logged by the host
/// ("Hosting failed to start") before WebApplicationFactory rethrows, and what it rethrows races
/// with the entry point disposing the app (sometimes an ObjectDisposedException): the log is the
/// reliable place to read why the start failed.
/// </summary>
public sealed class ErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public string Text => string.Join("\n", _entries);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) log._entries.Enqueue($"{category}: {formatter(state, exception)}\n{exception}");
        }
    }
}
