using System.Buffers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.ServiceDefaults.Auth;

/// <summary>
/// Tokens that passed full validation, remembered by the SHA-256 hash of their exact text until
/// they expire. A hit skips parsing, the signature check and claim building (measured with
/// bench/jwt.sh: most of an authenticated trivial request). Bounded by
/// <see cref="JwtValidationOptions.ValidatedTokenCacheSize"/> entries; 0 turns it off.
/// </summary>
public sealed class ValidatedTokenCache : IDisposable
{
    private readonly MemoryCache? _entries;
    private long _generations;

    /// <param name="options">The size limit.</param>
    /// <param name="clock">
    /// The clock expiry is checked on. It must be the one the token handler's own lifetime check
    /// uses, the system clock (IdentityModel has no public seam for another), or a cached token would
    /// live by one clock and a fresh one by another. Tests pass a fake one to drive expiry.
    /// </param>
    public ValidatedTokenCache(IOptions<JwtValidationOptions> options, TimeProvider clock)
    {
        Clock = clock;
        var size = options.Value.ValidatedTokenCacheSize;
        _entries = size > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = size }) : null;
    }

    public bool Enabled => _entries is not null;

    internal TimeProvider Clock { get; }

    /// <summary>
    /// A fresh key space for one set of validation parameters: every bearer-options instance gets
    /// its own, so a configuration change never finds results validated under the old one.
    /// </summary>
    internal long NewGeneration() => Interlocked.Increment(ref _generations);

    internal static TokenKey KeyOf(long generation, string token)
    {
        var max = Encoding.UTF8.GetMaxByteCount(token.Length);
        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var length = Encoding.UTF8.GetBytes(token, rented);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(rented.AsSpan(0, length), hash);
            return new TokenKey(generation,
                BitConverter.ToUInt64(hash[..8]), BitConverter.ToUInt64(hash[8..16]),
                BitConverter.ToUInt64(hash[16..24]), BitConverter.ToUInt64(hash[24..]));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    internal bool TryGet(TokenKey key, out ValidatedToken entry)
    {
        entry = null!;
        return _entries is not null && _entries.TryGetValue(key, out entry!) && entry is not null;
    }

    internal void Remove(TokenKey key) => _entries?.Remove(key);

    internal void Add(TokenKey key, ValidatedToken entry)
    {
        // Evicted at expiry (plus the skew the validation allowed); expiry itself is enforced per
        // request by the caller from the token's own exp, on the validation parameters' clock.
        _entries?.Set(key, entry, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = entry.ValidTo + entry.ClockSkew });
    }

    public void Dispose() => _entries?.Dispose();

    internal readonly record struct TokenKey(long Generation, ulong H0, ulong H1, ulong H2, ulong H3);
}

/// <summary>What full validation established about one token, and under which key and issuer.</summary>
internal sealed record ValidatedToken(
    SecurityToken Token,
    ClaimsIdentity Identity,
    SecurityKey SigningKey,
    string? Issuer,
    string? TokenType,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidTo,
    TimeSpan ClockSkew);
