using System.Diagnostics;
using BffPlatform.Testing.Processes;

namespace BffPlatform.Testing.Servers;

/// <summary>
/// A real PostgreSQL server of the test's own (Debian's <c>postgresql</c> package, installed by
/// ./test.sh): a fresh cluster in a temporary folder, listening on a free loopback port, trust
/// authentication on loopback only; <c>fsync=off</c> (a process crash loses no committed row, an
/// operating-system crash could — fine for tests, never for a real server). As root the server runs as the <c>postgres</c> user
/// (PostgreSQL refuses root). <see cref="StopAsync"/> and <see cref="StartAsync"/> take it down
/// and bring it back on the same port and data, for outage tests.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly bool _asPostgresUser;

    public string DataDirectory { get; }
    public int Port { get; }

    private LocalPostgres(string bin, string dataDirectory, int port, bool asPostgresUser)
    {
        _bin = bin;
        DataDirectory = dataDirectory;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    /// <summary>An Npgsql connection string for <paramref name="database"/> (create it first with <see cref="CreateDatabaseAsync"/>).</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password=postgres;Database={database};Timeout=5;Command Timeout=30";

    public static async Task<LocalPostgres> StartNewAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL's server is missing: ./test.sh installs it (apt-get install -y postgresql).");
        var root = Environment.UserName == "root";
        var directory = Path.Combine(Path.GetTempPath(), $"bffplatform-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        if (root)
        {
            await RunAsync("chown", ["postgres:postgres", directory], cancellationToken);
        }
        var server = new LocalPostgres(bin, directory, FreePort.Next(), root);
        await server.RunServerToolAsync("initdb", ["-D", directory, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"], cancellationToken);
        await server.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>Starts (again) on the same port and data folder; waits until it accepts connections.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) =>
        RunServerToolAsync("pg_ctl", ["-D", DataDirectory, "-w", "-t", "60", "-l", Path.Combine(DataDirectory, "server.log"), "-o",
            $"-p {Port} -k {DataDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300", "start"],
            cancellationToken);

    /// <summary>Stops at once (<c>-m immediate</c>: open connections are cut, as in a crash).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) =>
        RunServerToolAsync("pg_ctl", ["-D", DataDirectory, "-w", "-m", "immediate", "stop"], cancellationToken);

    public async Task CreateDatabaseAsync(string database, CancellationToken cancellationToken = default) =>
        await PsqlAsync("postgres", $"CREATE DATABASE \"{database}\"", cancellationToken);

    /// <summary>Runs one SQL command through <c>psql</c>; returns its unaligned, tuples-only output.</summary>
    public Task<string> PsqlAsync(string database, string sql, CancellationToken cancellationToken = default) =>
        RunAsync(Path.Combine(_bin, "psql"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres",
            "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql], cancellationToken);

    /// <summary>The folder of this machine's PostgreSQL server programs (initdb, pg_ctl, pg_dump, psql).</summary>
    public string BinDirectory => _bin;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string? FindBin()
    {
        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian))
        {
            return null;
        }
        return Directory.GetDirectories(debian)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private Task<string> RunServerToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        _asPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments], cancellationToken)
            : RunAsync(Path.Combine(_bin, tool), arguments, cancellationToken);

    private static async Task<string> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/tmp" };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
        }
        return (await output).Trim();
    }
}
