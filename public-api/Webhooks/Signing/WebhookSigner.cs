using StandardWebhooks;

namespace BffPlatform.PublicApi.Webhooks.Signing;

/// <summary>Standard Webhooks 1.0 signatures (HMAC-SHA256 over <c>id.timestamp.body</c>), computed by the StandardWebhooks package.</summary>
public static class WebhookSigner
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary><c>v1,&lt;base64&gt;</c> for one secret.</summary>
    public static string Sign(string secret, string messageId, DateTimeOffset timestamp, string body) =>
        new StandardWebhook(secret).Sign(messageId, timestamp, body);

    /// <summary>
    /// The <c>webhook-signature</c> value: one <c>v1,</c> signature per secret, space-separated. During a
    /// rotation's overlap both the new and the previous secret sign, so a receiver holding either verifies.
    /// </summary>
    public static string SignatureHeaderValue(IEnumerable<string> secrets, string messageId, DateTimeOffset timestamp, string body) =>
        string.Join(' ', secrets.Select(secret => Sign(secret, messageId, timestamp, body)));
}
