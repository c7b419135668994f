using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Keys;

/// <summary>
/// Asks core-api about a key (already checked offline) and remembers the answer briefly, keyed by the
/// key's SHA-256 (the secret itself is never a cache key). However many requests bring an unknown key
/// at once, one question reaches core-api.
/// </summary>
internal sealed class ApiKeyVerifier(ICorePartnerGatewayApi core, IOptions<ApiKeyOptions> options, TimeProvider time) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxCachedKeys, Clock = new CacheClock(time) });

    public async Task<KeyVerification> VerifyAsync(ParsedApiKey key, CancellationToken cancellationToken)
    {
        var id = Convert.ToBase64String(ApiKeyFormat.Hash(key.Value));
        var pending = _cache.GetOrCreate(id, entry =>
        {
            entry.Size = 1;
            // Until the answer is in, a short life: the entry is re-timed once core-api answered.
            entry.AbsoluteExpirationRelativeToNow = options.Value.RefusalCacheDuration;
            return new Lazy<Task<KeyVerification>>(() => AskAsync(key.Value, id));
        })!;
        // The question is not tied to the first caller's cancellation: others may be waiting on it.
        var verification = await pending.Value.WaitAsync(cancellationToken);
        if (verification.Key is { ExpiresAt: { } expiresAt } && expiresAt <= time.GetUtcNow())
        {
            return KeyVerification.Refused(ErrorCodes.ApiKeyExpired);
        }
        return verification;
    }

    /// <summary>Forgets every answer (tests; a staff action could call it too).</summary>
    public void Clear() => _cache.Clear();

    public void Dispose() => _cache.Dispose();

    private async Task<KeyVerification> AskAsync(string key, string id)
    {
        var verification = await CallCoreAsync(key);
        var now = time.GetUtcNow();
        if (verification.Unavailable is not null)
        {
            _cache.Remove(id);
            return verification;
        }
        var lifetime = verification.Key is null ? options.Value.RefusalCacheDuration : options.Value.CacheDuration;
        var until = now + lifetime;
        if (verification.Key?.ExpiresAt is { } expiresAt && expiresAt < until) until = expiresAt;
        if (until > now)
        {
            _cache.Set(id, new Lazy<Task<KeyVerification>>(Task.FromResult(verification)), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = until });
        }
        return verification;
    }

    private async Task<KeyVerification> CallCoreAsync(string key)
    {
        try
        {
            using var response = await core.VerifyKeyAsync(new VerifyApiKeyRequest(key), CancellationToken.None);
            if (response.IsSuccessful && response.Content is { } verified)
            {
                return KeyVerification.Valid(verified);
            }
            var problem = UpstreamResults.Problem(response);
            if (problem.StatusCode == StatusCodes.Status401Unauthorized && problem.Code is ErrorCodes.ApiKeyInvalid or ErrorCodes.ApiKeyRevoked or ErrorCodes.ApiKeyExpired)
            {
                return KeyVerification.Refused(problem.Code);
            }
            // Any other refusal is core-api refusing public-api itself (its own token, its scope): the
            // partner's key is not to blame, and the partner must not be told it is.
            return KeyVerification.CouldNotAsk(problem.StatusCode is >= 500 ? problem : UpstreamProblem.Of(
                StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "API keys cannot be checked right now.", "Try again shortly."));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or TimeoutException or Polly.ExecutionRejectedException)
        {
            return KeyVerification.CouldNotAsk(UpstreamResults.Unreachable(e));
        }
    }

    private sealed class CacheClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
