using Microsoft.Extensions.Logging;

namespace BffPlatform.ServiceDefaults.Data;

/// <summary>
/// An OS-level exclusive lock on <c>&lt;database&gt;.owner</c>, held for the life of the process: in
/// the embedded mode one process owns a SQLite file. The OS drops the lock when its holder dies
/// (killed included), so whoever holds it knows that any lock a previous owner left inside the
/// database (EF Core's <c>__EFMigrationsLock</c> row) belongs to a process that is gone.
/// </summary>
public sealed partial class DatabaseFileOwner : IDisposable
{
    private readonly FileStream _lock;

    public string DatabasePath { get; }
    public string LockPath => _lock.Name;

    private DatabaseFileOwner(string databasePath, FileStream lockFile)
    {
        DatabasePath = databasePath;
        _lock = lockFile;
    }

    public static string LockPathOf(string databasePath) => Path.GetFullPath(databasePath) + ".owner";

    /// <summary>
    /// Takes the lock, waiting at most <paramref name="wait"/> for a live owner to let go and saying
    /// so in the log every <paramref name="progressInterval"/>; then fails naming the file.
    /// </summary>
    public static async Task<DatabaseFileOwner> AcquireAsync(string databasePath, TimeSpan wait, TimeSpan progressInterval,
        ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var lockPath = LockPathOf(fullPath);
        var started = time.GetTimestamp();
        var lastReport = TimeSpan.MinValue;
        while (true)
        {
            if (TryOpen(lockPath) is { } stream)
            {
                if (lastReport != TimeSpan.MinValue)
                {
                    LogOwned(logger, fullPath, time.GetElapsedTime(started).TotalSeconds);
                }
                return new DatabaseFileOwner(fullPath, stream);
            }
            var waited = time.GetElapsedTime(started);
            if (waited >= wait)
            {
                throw new InvalidOperationException(
                    $"Another process still owns the database '{fullPath}' (it holds '{lockPath}') after {wait.TotalSeconds:0.#} s. " +
                    "In the embedded mode one process owns a SQLite file: stop the other instance, or give this one its own data folder.");
            }
            if (lastReport == TimeSpan.MinValue || waited - lastReport >= progressInterval)
            {
                LogWaiting(logger, fullPath, lockPath, waited.TotalSeconds, wait.TotalSeconds);
                lastReport = waited;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
        }
    }

    /// <summary>.NET takes an exclusive flock (Unix) or share-none handle (Windows) for FileShare.None.</summary>
    private static FileStream? TryOpen(string lockPath)
    {
        try
        {
            var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            // Who owns it, for a person looking at the folder; the lock itself is what counts.
            stream.SetLength(0);
            var pid = System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n");
            stream.Write(pid);
            stream.Flush();
            return stream;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _lock.Dispose();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Waiting for database {Database}: another live process owns it (it holds {LockFile}); waited {Waited:0.#} s of at most {Limit:0.#} s")]
    private static partial void LogWaiting(ILogger logger, string database, string lockFile, double waited, double limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database} is ours after waiting {Waited:0.#} s")]
    private static partial void LogOwned(ILogger logger, string database, double waited);
}
