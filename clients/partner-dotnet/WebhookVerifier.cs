using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BffPlatform.PartnerClient;

/// <summary>
/// Checks a webhook from the partner API (Standard Webhooks 1.0): a <c>v1</c> signature in
/// <c>webhook-signature</c> must be the HMAC-SHA256 of <c>webhook-id.webhook-timestamp.body</c> under
/// your endpoint's <c>whsec_</c> secret, and the timestamp within the tolerance of your clock (a
/// replayed old request is refused). During a secret rotation the header carries two signatures;
/// either verifies. Pass the raw body, exactly as received.
/// </summary>
public sealed class WebhookVerifier
{
    /// <summary>Standard Webhooks' recommended tolerance.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const string SecretPrefix = "whsec_";
    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _tolerance;

    /// <param name="secret">The endpoint's signing secret, <c>whsec_...</c>.</param>
    public WebhookVerifier(string secret, TimeProvider? time = null, TimeSpan? tolerance = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        _time = time ?? TimeProvider.System;
        _tolerance = tolerance ?? DefaultTolerance;
    }

    /// <summary>Null when the request is authentic and fresh; otherwise why not.</summary>
    public string? Check(string body, string? messageId, string? timestamp, string? signatureHeader)
    {
        if (string.IsNullOrEmpty(messageId) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatureHeader))
        {
            return "webhook-id, webhook-timestamp and webhook-signature are required.";
        }
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return "webhook-timestamp is not a Unix time in seconds.";
        }
        var now = _time.GetUtcNow();
        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (sent < now - _tolerance)
        {
            return "webhook-timestamp is too old.";
        }
        if (sent > now + _tolerance)
        {
            return "webhook-timestamp is in the future.";
        }
        var expected = Encoding.ASCII.GetBytes("v1," + Convert.ToBase64String(
            HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}"))));
        foreach (var candidate in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Only v1 is defined; other versions are skipped, as the specification asks.
            if (candidate.StartsWith("v1,", StringComparison.Ordinal)
                && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), expected))
            {
                return null;
            }
        }
        return "No v1 signature matches the secret.";
    }

    public bool IsValid(string body, string? messageId, string? timestamp, string? signatureHeader) =>
        Check(body, messageId, timestamp, signatureHeader) is null;
}
