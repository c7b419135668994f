namespace BffPlatform.BffHosting.Tokens;

/// <summary>
/// The door as an OAuth client of the identity provider: for its own client-credentials token and
/// for token exchange (RFC 8693). Bound from <c>TokenClient</c>.
/// </summary>
public sealed class TokenClientOptions
{
    public const string SectionName = "TokenClient";

    /// <summary>The issuer; its discovery document names the token endpoint.</summary>
    public string Authority { get; set; } = "";

    /// <summary>The token endpoint, when it is not to be discovered from <see cref="Authority"/>.</summary>
    public string? TokenEndpoint { get; set; }

    public string ClientId { get; set; } = "";
    public string? ClientSecret { get; set; }

    /// <summary>Scopes of the door's own (client-credentials) token; empty asks for all the client may have.</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>
    /// Scopes a door asks for when it exchanges a caller's token, never more than the caller's own
    /// (those outside the caller's token are dropped); empty keeps the caller's.
    /// </summary>
    public string[] ExchangeScopes { get; set; } = [];

    /// <summary>The audience of exchanged tokens.</summary>
    public string Audience { get; set; } = Contracts.Common.Scopes.Audience;

    /// <summary>A cached token is replaced this long before it expires.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Exchanged tokens kept at most (one per caller token).</summary>
    public int MaxCachedExchangedTokens { get; set; } = 10_000;
}
