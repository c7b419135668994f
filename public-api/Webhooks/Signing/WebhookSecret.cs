using System.Security.Cryptography;

namespace BffPlatform.PublicApi.Webhooks.Signing;

/// <summary>Signing secrets in the Standard Webhooks format: <c>whsec_</c> and the base64 of the key bytes.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    /// <summary>32 random bytes: the HMAC-SHA256 block's worth, inside Standard Webhooks' 24 to 64.</summary>
    public const int KeyBytes = 32;

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));
}
