using Duende.IdentityModel.Client;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffHosting.Tokens;

/// <summary>The identity provider's token endpoint: configured, or discovered once from the authority.</summary>
internal sealed class TokenEndpoint(IHttpClientFactory httpClients, IOptions<TokenClientOptions> options)
{
    private string? _discovered;

    public HttpClient CreateClient() => httpClients.CreateClient(TokenSetup.HttpClientName);

    public async ValueTask<string> AddressAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!string.IsNullOrEmpty(o.TokenEndpoint)) return o.TokenEndpoint;
        if (Volatile.Read(ref _discovered) is { } known) return known;

        var discovery = await CreateClient().GetDiscoveryDocumentAsync(o.Authority, cancellationToken);
        if (discovery.IsError || string.IsNullOrEmpty(discovery.TokenEndpoint))
        {
            // Transport-like: the caller answers 503 and the next call tries again.
            throw new HttpRequestException($"The identity provider's discovery document could not be read: {discovery.Error}");
        }
        Volatile.Write(ref _discovered, discovery.TokenEndpoint);
        return discovery.TokenEndpoint;
    }
}
