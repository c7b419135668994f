using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace BffPlatform.Contracts.Partners;

/// <summary>
/// API keys: <c>bp_&lt;kind&gt;_&lt;30 base62 random&gt;&lt;6 base62 checksum&gt;</c>, e.g.
/// <c>bp_live_…</c>, <c>bp_test_…</c>, <c>bp_pub_…</c>. The random part carries 178 bits; the
/// checksum (the first 32 bits of SHA-256 over everything before it) lets any holder — public-api,
/// a secret scanner, the partner's own code — reject a typo or a truncated key offline, before
/// any lookup. The display prefix (kind plus the first 8 random characters) identifies the key
/// in lists and is what core-api looks a key up by; only a SHA-256 hash of the whole key is stored.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "bp_";
    public const int RandomLength = 30;
    public const int ChecksumLength = 6;
    public const int DisplayRandomLength = 8;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A new key of <paramref name="kind"/> (one of <see cref="ApiKeyKinds"/>).</summary>
    public static string Generate(string kind)
    {
        EnsureKnownKind(kind);
        var head = $"{Prefix}{kind}_{RandomNumberGenerator.GetString(Alphabet, RandomLength)}";
        return head + Checksum(head);
    }

    /// <summary>
    /// True when <paramref name="value"/> has a known kind, the right length and alphabet, and a
    /// matching checksum. Says nothing about whether the key exists.
    /// </summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out ParsedApiKey? key)
    {
        key = null;
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var kindEnd = value.IndexOf('_', Prefix.Length);
        if (kindEnd < 0) return false;
        var kind = value[Prefix.Length..kindEnd];
        if (kind is not (ApiKeyKinds.Live or ApiKeyKinds.Test or ApiKeyKinds.Publishable)) return false;
        var body = value.AsSpan(kindEnd + 1);
        if (body.Length != RandomLength + ChecksumLength) return false;
        foreach (var c in body)
        {
            if (!char.IsAsciiLetterOrDigit(c)) return false;
        }
        var head = value[..^ChecksumLength];
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Checksum(head)), Encoding.ASCII.GetBytes(value[^ChecksumLength..])))
            return false;
        key = new ParsedApiKey(value, kind, value[..(kindEnd + 1 + DisplayRandomLength)]);
        return true;
    }

    /// <summary>SHA-256 of the whole key: what core-api stores and compares (in constant time).</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.ASCII.GetBytes(key));

    /// <summary>The environment a key acts in: test keys in the sandbox, live and publishable keys live.</summary>
    public static string EnvironmentOf(string kind) => kind == ApiKeyKinds.Test ? PartnerEnvironments.Test : PartnerEnvironments.Live;

    private static void EnsureKnownKind(string kind)
    {
        if (kind is not (ApiKeyKinds.Live or ApiKeyKinds.Test or ApiKeyKinds.Publishable))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown API key kind.");
    }

    private static string Checksum(string head)
    {
        var digest = SHA256.HashData(Encoding.ASCII.GetBytes(head));
        var value = BitConverter.ToUInt32(digest, 0);
        Span<char> chars = stackalloc char[ChecksumLength];
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }
        return new string(chars);
    }
}

/// <summary>A key that passed <see cref="ApiKeyFormat.TryParse"/>. <see cref="DisplayPrefix"/> is e.g. <c>bp_live_3fK9q2Lm</c>.</summary>
public sealed record ParsedApiKey(string Value, string Kind, string DisplayPrefix)
{
    public string Environment => ApiKeyFormat.EnvironmentOf(Kind);

    // The secret never appears in logs or exception messages by accident.
    public override string ToString() => DisplayPrefix + "…";
}
