namespace BffPlatform.Testing.Identity;

/// <summary>
/// Counts calls to an identity provider's token endpoint (<c>/connect/token</c>) made through an
/// HttpClient: add <see cref="CreateHandler"/> to the client the code under test uses.
/// </summary>
public sealed class TokenEndpointCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public DelegatingHandler CreateHandler() => new CountingHandler(this);

    private sealed class CountingHandler(TokenEndpointCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath.EndsWith("/connect/token", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref counter._count);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
