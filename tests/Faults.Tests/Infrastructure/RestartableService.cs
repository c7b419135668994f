using BffPlatform.Testing.Processes;

namespace BffPlatform.Faults.Tests.Infrastructure;

/// <summary>
/// One service process that a test may kill (SIGKILL, as the OOM killer or a node failure would)
/// and start again on the same port with the same settings and data: what an orchestrator does.
/// </summary>
public sealed class RestartableService(string logDirectory, string name, string projectFolder, string assembly, int port,
    IReadOnlyDictionary<string, string> settings, string configuration) : IAsyncDisposable
{
    private ServiceProcess? _process;
    private int _starts;

    public string Name => name;
    public string BaseUrl { get; } = $"http://127.0.0.1:{port}";

    /// <summary>True while the current process runs (false after <see cref="KillAsync"/>).</summary>
    public bool IsRunning => _process is { HasExited: false };

    public async Task StartAsync(string readyPath = "/health/ready")
    {
        if (IsRunning) throw new InvalidOperationException($"{name} is already running.");
        // Each start logs to its own file, so the killed process's last words stay readable.
        var log = Directory.CreateDirectory(Path.Combine(logDirectory, $"{name}-{++_starts}")).FullName;
        _process = ServiceProcess.Start(RepoPaths.Root, log, name, projectFolder, assembly, port, settings, configuration);
        await _process.WaitUntilReadyAsync(readyPath, TimeSpan.FromSeconds(300));
    }

    /// <summary>Kills the process tree at once (no graceful shutdown) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        await _process.DisposeAsync();
        _process = null;
    }

    public string Tail(int lines = 60) => _process?.Tail(lines) ?? $"----- {name}: not running -----";

    public ValueTask DisposeAsync() => _process?.DisposeAsync() ?? ValueTask.CompletedTask;
}
