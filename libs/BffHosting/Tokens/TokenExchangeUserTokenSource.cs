using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Duende.IdentityModel.Client;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace BffPlatform.BffHosting.Tokens;

/// <summary>
/// For a door whose callers send a bearer token meant for the door (bff-mobile): a core-api token
/// for the same user by OAuth 2.0 token exchange (RFC 8693) — the caller's token as subject_token,
/// audience core-api, scopes never wider than the caller's. Cached per caller token (by its hash)
/// until shortly before it expires.
/// </summary>
internal sealed partial class TokenExchangeUserTokenSource(
    TokenEndpoint endpoint,
    IOptions<TokenClientOptions> options,
    TimeProvider time,
    ILogger<TokenExchangeUserTokenSource> logger) : IUserTokenSource, IDisposable
{
    public const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";
    private const string BearerPrefix = "Bearer ";
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxCachedExchangedTokens });
    // A door that calls core-api in parallel for one request (bff-mobile's home) asks for the same
    // caller's token several times at once: one exchange answers them all.
    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> _inFlight = new(StringComparer.Ordinal);

    public async ValueTask<string?> GetAsync(HttpContext context, CancellationToken cancellationToken)
    {
        string authorization = context.Request.Headers[HeaderNames.Authorization].ToString();
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)) return null;
        var subjectToken = authorization[BearerPrefix.Length..].Trim();
        if (subjectToken.Length == 0) return null;

        // The hash, not the token, is the key: a dump of the cache holds no caller's credentials.
        var key = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(subjectToken)));
        if (_cache.TryGetValue(key, out CachedToken? cached) && cached!.IsFresh(time)) return cached.Value;

        var scope = RequestedScope(options.Value.ExchangeScopes, CallerScopes(context));
        if (scope is { Length: 0 }) return null;

        var exchange = _inFlight.GetOrAdd(key, _ => new Lazy<Task<string?>>(() => ExchangeOnceAsync(subjectToken, scope, key)));
        return await exchange.Value.WaitAsync(cancellationToken);
    }

    private async Task<string?> ExchangeOnceAsync(string subjectToken, string? scope, string key)
    {
        try
        {
            return await ExchangeAsync(subjectToken, scope, key);
        }
        finally
        {
            // Only this exchange can be under the key while it runs (GetOrAdd hands it to everyone else).
            _inFlight.TryRemove(key, out _);
        }
    }

    // Not cancelled with the first caller's request: the others waiting on it still want the token
    // (the token client's own timeout bounds it).
    private async Task<string?> ExchangeAsync(string subjectToken, string? scope, string key)
    {
        var o = options.Value;
        var cancellationToken = CancellationToken.None;

        var response = await endpoint.CreateClient().RequestTokenExchangeTokenAsync(new TokenExchangeTokenRequest
        {
            Address = await endpoint.AddressAsync(cancellationToken),
            ClientId = o.ClientId,
            ClientSecret = o.ClientSecret,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            SubjectToken = subjectToken,
            SubjectTokenType = AccessTokenType,
            Audience = o.Audience,
            Scope = scope,
        }, cancellationToken);
        if (response.ErrorType is ResponseErrorType.Exception or ResponseErrorType.Http)
        {
            LogExchangeFailed(logger, response.ErrorType.ToString(), response.Error);
            throw new UpstreamTokenException($"The identity provider could not be asked for a token ({response.Error}).", response.Exception);
        }
        if (response.IsError || string.IsNullOrEmpty(response.AccessToken))
        {
            // Refused (an expired or foreign token, wider scopes): the call goes without a token and core-api answers 401.
            LogExchangeFailed(logger, response.ErrorType.ToString(), response.Error);
            return null;
        }

        var token = CachedToken.Of(response.AccessToken, response.ExpiresIn, o.RefreshBeforeExpiry, time);
        _cache.Set(key, token, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = token.UseUntil });
        return token.Value;
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>
    /// Null (ask for the caller's own) when the door caps nothing or the caller's scopes are unknown;
    /// else the door's scopes the caller holds, empty when it holds none of them.
    /// </summary>
    internal static string? RequestedScope(IReadOnlyCollection<string> doorScopes, IReadOnlySet<string>? callerScopes)
    {
        if (doorScopes.Count == 0) return null;
        var allowed = callerScopes is null ? doorScopes : doorScopes.Where(callerScopes.Contains).ToArray();
        return string.Join(' ', allowed.Distinct(StringComparer.Ordinal));
    }

    private static HashSet<string>? CallerScopes(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true) return null;
        return context.User.FindAll("scope").Concat(context.User.FindAll("scp"))
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token exchange for a caller failed ({ErrorType}): {Error}")]
    private static partial void LogExchangeFailed(ILogger logger, string errorType, string? error);
}
