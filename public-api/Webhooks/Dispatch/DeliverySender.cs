using System.Security.Cryptography;
using System.Text;
using BffPlatform.PublicApi.Webhooks.Http;
using BffPlatform.PublicApi.Webhooks.Signing;
using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Webhooks.Dispatch;

/// <summary>
/// One POST of a delivery to its receiver, signed per Standard Webhooks with the endpoint's secret
/// (and its previous one during a rotation's overlap). The body is the message's stored JSON, byte
/// for byte, and <c>webhook-id</c> is the message id, so every repeat is recognisable as one.
/// </summary>
internal sealed class DeliverySender(IHttpClientFactory httpClients, SecretProtector secrets, IOptions<WebhookOptions> options, TimeProvider time)
{
    public async Task<SendResult> SendAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        string signature;
        try
        {
            var keys = new List<string> { secrets.Unprotect(delivery.Secret) };
            if (delivery.PreviousSecret is { } previous && delivery.PreviousSecretExpiresAt > now)
            {
                keys.Add(secrets.Unprotect(previous));
            }
            signature = WebhookSigner.SignatureHeaderValue(keys, delivery.MessageId, now, delivery.Payload);
        }
        catch (CryptographicException)
        {
            return new SendResult(null, "The endpoint's signing secret cannot be decrypted (Data Protection key ring); rotate the secret.", null);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(WebhookSigner.IdHeader, delivery.MessageId);
        request.Headers.TryAddWithoutValidation(WebhookSigner.TimestampHeader, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSigner.SignatureHeader, signature);
        try
        {
            using var response = await httpClients.CreateClient(WebhookHttpClientSetup.Name)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return new SendResult(status, response.IsSuccessStatusCode ? null : Describe(response), RetryAfter(response, now));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(null, $"No answer within {options.Value.RequestTimeout.TotalSeconds:0.#} s.", null);
        }
        catch (HttpRequestException e)
        {
            return new SendResult(null, Innermost(e), null);
        }
    }

    private static string Describe(HttpResponseMessage response) =>
        (int)response.StatusCode is >= 300 and < 400
            ? $"{(int)response.StatusCode}: redirects are not followed (register the final URL)."
            : $"{(int)response.StatusCode} {response.ReasonPhrase}";

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > now => date - now,
        _ => null,
    };

    /// <summary>The refusal of the address check, or the socket's own message, rather than the handler's wrapper.</summary>
    private static string Innermost(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is WebhookAddressRefusedException refused)
            {
                return "Refused: " + refused.Message + ".";
            }
        }
        return (e.InnerException ?? e).Message;
    }
}
