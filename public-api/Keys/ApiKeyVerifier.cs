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
/// at once, one question reaches core-api. Scaled out, core-api announces keys that stopped or changed
/// being valid (<see cref="ApiKeyChangeListener"/>) and <see cref="Forget"/> drops them at once;
/// otherwise, and while that announcement cannot arrive, the cache time is how long a revoked key works.
/// </summary>
internal sealed class ApiKeyVerifier(ICorePartnerGatewayApi core, IOptions<ApiKeyOptions> options, TimeProvider time) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxCachedKeys, Clock = new CacheClock(time) });

    // Storing an answer and forgetting a key are one step each under this lock, so an announcement
    // that arrives while core-api is answering is never overwritten by that (older) answer.
    private readonly Lock _gate = new();

    public async Task<KeyVerification> VerifyAsync(ParsedApiKey key, CancellationToken cancellationToken)
    {
        var id = ApiKeyChanges.HashId(ApiKeyFormat.Hash(key.Value));
        if (!_cache.TryGetValue(id, out Lazy<Task<KeyVerification>>? pending) || pending is null)
        {
            // MemoryCache.GetOrCreate is not atomic: two first requests at once both created a question
            // and core-api was asked twice (a CI run caught it). The question is made under the gate.
            lock (_gate)
            {
                if (!_cache.TryGetValue(id, out pending) || pending is null)
                {
                    Lazy<Task<KeyVerification>> question = null!;
                    question = new Lazy<Task<KeyVerification>>(() => AskAsync(key.Value, id, question));
                    // Until the answer is in, a short life: the entry is re-timed once core-api answered.
                    _cache.Set(id, question, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Value.RefusalCacheDuration });
                    pending = question;
                }
            }
        }
        // The question is not tied to the first caller's cancellation: others may be waiting on it.
        var verification = await pending.Value.WaitAsync(cancellationToken);
        if (verification.Key is { ExpiresAt: { } expiresAt } && expiresAt <= time.GetUtcNow())
        {
            return KeyVerification.Refused(ErrorCodes.ApiKeyExpired);
        }
        return verification;
    }

    /// <summary>
    /// Drops what is cached about these keys (<see cref="ApiKeyChanges.HashId"/>), answers and questions
    /// still waiting for core-api alike: their next use asks core-api again.
    /// </summary>
    public void Forget(IEnumerable<string> hashIds)
    {
        lock (_gate)
        {
            foreach (var id in hashIds)
            {
                _cache.Remove(id);
            }
        }
    }

    /// <summary>Forgets every answer: announcements may have been missed (the subscription was down).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _cache.Clear();
        }
    }

    public int Count => _cache.Count;

    public void Dispose() => _cache.Dispose();

    private async Task<KeyVerification> AskAsync(string key, string id, Lazy<Task<KeyVerification>> question)
    {
        var verification = await CallCoreAsync(key);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            // Forgotten while core-api answered (the key changed meanwhile): this answer serves the
            // requests already waiting for it, and is not kept.
            if (!_cache.TryGetValue(id, out var current) || !ReferenceEquals(current, question))
            {
                return verification;
            }
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
