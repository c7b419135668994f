using Duende.IdentityModel.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffHosting.Tokens;

/// <summary>
/// The door's own client-credentials token, kept until <see cref="TokenClientOptions.RefreshBeforeExpiry"/>
/// before it expires; however many calls need a new one at once, one request reaches the identity provider.
/// </summary>
internal sealed partial class ClientCredentialsTokenSource(
    TokenEndpoint endpoint,
    IOptions<TokenClientOptions> options,
    TimeProvider time,
    ILogger<ClientCredentialsTokenSource> logger) : IClientTokenSource, IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile CachedToken? _current;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } cached && cached.IsFresh(time)) return cached.Value;

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            // A call that waited here finds the token the first one fetched.
            if (_current is { } fetched && fetched.IsFresh(time)) return fetched.Value;
            var o = options.Value;
            var response = await endpoint.CreateClient().RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
            {
                Address = await endpoint.AddressAsync(cancellationToken),
                ClientId = o.ClientId,
                ClientSecret = o.ClientSecret,
                ClientCredentialStyle = ClientCredentialStyle.PostBody,
                Scope = o.Scopes.Length > 0 ? string.Join(' ', o.Scopes) : null,
            }, cancellationToken);
            if (response.IsError || string.IsNullOrEmpty(response.AccessToken))
            {
                LogRefused(logger, response.ErrorType.ToString(), response.Error);
                throw new UpstreamTokenException($"The identity provider gave no client-credentials token ({response.Error}).", response.Exception);
            }
            _current = CachedToken.Of(response.AccessToken, response.ExpiresIn, o.RefreshBeforeExpiry, time);
            return response.AccessToken;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The door's client-credentials token was not issued ({ErrorType}): {Error}")]
    private static partial void LogRefused(ILogger logger, string errorType, string? error);
}
