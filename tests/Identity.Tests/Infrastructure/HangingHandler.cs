namespace BffPlatform.Identity.Tests.Infrastructure;

/// <summary>A receiver that never answers: each request waits until the caller gives up (its token is cancelled).</summary>
public sealed class HangingHandler : HttpMessageHandler
{
    private readonly TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first request arrives.</summary>
    public Task Received => _received.Task;

    public bool CallerGaveUp { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _received.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            CallerGaveUp = true;
            throw;
        }
        throw new InvalidOperationException("unreachable");
    }
}
