using System.Diagnostics;
using System.Net.Sockets;
using BffPlatform.Testing.Processes;

namespace BffPlatform.Testing.Servers;

/// <summary>
/// A real Redis server of the test's own (Debian's <c>redis-server</c>, installed by ./test.sh) on a
/// free loopback port, nothing persisted. <see cref="StopAsync"/> and <see cref="StartAsync"/> take
/// it down and bring it back on the same port (empty again), for outage tests.
/// </summary>
public sealed class LocalRedis : IAsyncDisposable
{
    private Process? _process;

    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string (what <c>Redis:Configuration</c> takes).</summary>
    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000";

    private LocalRedis(int port) => Port = port;

    public static async Task<LocalRedis> StartNewAsync(CancellationToken cancellationToken = default)
    {
        var redis = new LocalRedis(FreePort.Next());
        await redis.StartAsync(cancellationToken);
        return redis;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is missing: ./test.sh installs it (apt-get install -y redis-server).");
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no", "--maxclients", "1000" })
        {
            info.ArgumentList.Add(argument);
        }
        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start redis-server");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    /// <summary>Kills the server (as a crash would): connected clients see the connection drop.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
