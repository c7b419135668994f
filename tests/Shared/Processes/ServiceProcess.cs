using System.Collections.Concurrent;
using System.Diagnostics;

namespace BffPlatform.Testing.Processes;

/// <summary>
/// One service started the way run.sh starts it: <c>dotnet &lt;dll&gt; --contentRoot &lt;project&gt; --urls ...</c>
/// from the repository root, configured through environment variables. Keeps its output.
/// Shared (linked source) by the test projects that run real services: EndToEnd.Tests and BffWeb.Tests.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StreamWriter _logFile;

    public string Name { get; }
    public string BaseUrl { get; }

    private ServiceProcess(string name, string baseUrl, Process process, StreamWriter logFile)
    {
        Name = name;
        BaseUrl = baseUrl;
        _process = process;
        _logFile = logFile;
    }

    /// <param name="repositoryRoot">The folder holding BffPlatform.sln (the service's working directory).</param>
    /// <param name="logDirectory">Where <c>&lt;name&gt;.log</c> gets the service's whole output.</param>
    /// <param name="configuration">The build output to run (bin/&lt;configuration&gt;/net10.0).</param>
    public static ServiceProcess Start(string repositoryRoot, string logDirectory, string name, string projectFolder, string assembly, int port,
        IReadOnlyDictionary<string, string> settings, string configuration = "Release")
    {
        var projectDir = Path.Combine(repositoryRoot, projectFolder);
        var dll = Path.Combine(projectDir, "bin", configuration, "net10.0", assembly + ".dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution first (dotnet build BffPlatform.sln -c {configuration}).");
        }
        var baseUrl = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--contentRoot", projectDir, "--urls", baseUrl })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var logPath = Path.Combine(logDirectory, $"{name}.log");
        var logFile = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var service = new ServiceProcess(name, baseUrl, process, logFile);
        process.OutputDataReceived += (_, e) => service.Record(e.Data);
        process.ErrorDataReceived += (_, e) => service.Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        _lines.Enqueue(line);
        while (_lines.Count > 2000 && _lines.TryDequeue(out _))
        {
        }
        lock (_logFile)
        {
            _logFile.WriteLine(line);
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for a one-shot run (a migration step, say) to end; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        await _process.WaitForExitAsync().WaitAsync(limit);
        return _process.ExitCode;
    }

    /// <summary>Polls <paramref name="path"/> until it answers 2xx; fails early if the process dies.</summary>
    public async Task WaitUntilReadyAsync(string path, TimeSpan limit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + limit;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} during start-up.\n{Tail()}");
            }
            try
            {
                using var response = await http.GetAsync(BaseUrl + path);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                last = new HttpRequestException($"{(int)response.StatusCode} from {path}");
            }
            catch (HttpRequestException e)
            {
                last = e;
            }
            catch (TaskCanceledException e)
            {
                last = e;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{Name} did not answer {BaseUrl}{path} within {limit.TotalSeconds} s ({last?.Message}).\n{Tail()}");
    }

    /// <summary>The last lines the service wrote, for failure messages.</summary>
    public string Tail(int lines = 80) =>
        $"----- {Name} ({BaseUrl}) last output -----\n" + string.Join('\n', _lines.ToArray().TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (TimeoutException)
        {
            // Left to the OS; the test run is ending anyway.
        }
        _process.Dispose();
        lock (_logFile)
        {
            _logFile.Dispose();
        }
    }
}
