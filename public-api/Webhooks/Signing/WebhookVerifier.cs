using System.Security.Cryptography;
using System.Text;

namespace BffPlatform.PublicApi.Webhooks.Signing;

/// <summary>
/// What a partner's receiver runs: checks a webhook's <c>webhook-signature</c> against its secret
/// and refuses a timestamp outside the tolerance (a replayed old request). Meant for the partner
/// client library; it depends on nothing of public-api's but the StandardWebhooks package.
/// </summary>
public sealed class WebhookVerifier(string secret, TimeProvider? time = null, TimeSpan? tolerance = null)
{
    /// <summary>Standard Webhooks' recommended tolerance.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TimeSpan _tolerance = tolerance ?? DefaultTolerance;

    /// <summary>Null when the request is authentic and fresh; otherwise why not.</summary>
    public string? Check(string body, string? messageId, string? timestamp, string? signatureHeader)
    {
        if (string.IsNullOrEmpty(messageId) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatureHeader))
        {
            return "webhook-id, webhook-timestamp and webhook-signature are required.";
        }
        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return "webhook-timestamp is not a Unix time in seconds.";
        }
        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var now = _time.GetUtcNow();
        if (sent < now - _tolerance)
        {
            return "webhook-timestamp is too old.";
        }
        if (sent > now + _tolerance)
        {
            return "webhook-timestamp is in the future.";
        }
        string expected;
        try
        {
            expected = WebhookSigner.Sign(secret, messageId, sent, body);
        }
        catch (FormatException)
        {
            return "The secret is not a whsec_ base64 secret.";
        }
        var expectedBytes = Encoding.ASCII.GetBytes(expected);
        foreach (var candidate in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Only v1 is defined; other versions are skipped, as the specification asks.
            if (candidate.StartsWith("v1,", StringComparison.Ordinal)
                && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), expectedBytes))
            {
                return null;
            }
        }
        return "No v1 signature matches the secret.";
    }

    public bool IsValid(string body, string? messageId, string? timestamp, string? signatureHeader) =>
        Check(body, messageId, timestamp, signatureHeader) is null;
}
