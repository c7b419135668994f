namespace BffPlatform.CoreApi.Products.Cache;

/// <summary>The instances that confirmed one change; the count to wait for is known once it is published.</summary>
internal sealed class ChangeConfirmations
{
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private long _expected = -1;
    private long _received;

    public long Received => Interlocked.Read(ref _received);

    public void Confirm()
    {
        lock (_lock)
        {
            _received++;
            Check();
        }
    }

    /// <summary>True when <paramref name="receivers"/> confirmations arrive within <paramref name="timeout"/>.</summary>
    public async Task<bool> ExpectAsync(long receivers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _expected = receivers;
            Check();
        }
        try
        {
            await _all.Task.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void Check()
    {
        if (_expected >= 0 && _received >= _expected)
        {
            _all.TrySetResult();
        }
    }
}
