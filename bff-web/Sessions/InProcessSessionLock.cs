namespace BffPlatform.BffWeb.Sessions;

/// <summary>A SemaphoreSlim per session key, removed again when nobody holds or waits for it.</summary>
internal sealed class InProcessSessionLock : ISessionLock
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async ValueTask<IAsyncDisposable> AcquireAsync(string sessionKey, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(sessionKey, out entry!))
            {
                entry = new Entry();
                _entries.Add(sessionKey, entry);
            }
            entry.References++;
        }
        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Release(sessionKey, entry, held: false);
            throw;
        }
        return new Releaser(this, sessionKey, entry);
    }

    /// <summary>Number of keys with a holder or waiter (tests check that entries do not leak).</summary>
    internal int ActiveKeys
    {
        get { lock (_entries) return _entries.Count; }
    }

    private void Release(string key, Entry entry, bool held)
    {
        if (held)
        {
            entry.Semaphore.Release();
        }
        lock (_entries)
        {
            if (--entry.References == 0)
            {
                _entries.Remove(key);
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int References { get; set; }
    }

    private sealed class Releaser(InProcessSessionLock owner, string key, Entry entry) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(key, entry, held: true);
            }
            return ValueTask.CompletedTask;
        }
    }
}
