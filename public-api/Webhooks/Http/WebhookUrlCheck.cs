using System.Net;
using System.Net.Sockets;

namespace BffPlatform.PublicApi.Webhooks.Http;

/// <summary>
/// The check of a URL a partner registers: https, no credentials or fragment, a host that resolves
/// to public addresses only. The dispatcher checks the addresses again at every connect; this one
/// tells the partner early, and why.
/// </summary>
internal static class WebhookUrlCheck
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Null when <paramref name="url"/> may be registered; otherwise why not (the Problem Details' detail).</summary>
    public static async Task<string?> RefusalAsync(string? url, bool allowLoopback, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "A URL is required.";
        }
        if (url.Length > Data.WebhookEndpoint.UrlMaxLength)
        {
            return $"The URL is longer than {Data.WebhookEndpoint.UrlMaxLength} characters.";
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return "The URL must be an absolute https URL.";
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "The URL must not carry a user name or password.";
        }
        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            return "The URL must not carry a fragment.";
        }
        // IPv6 literals come bracketed.
        var host = uri.IdnHost.TrimStart('[').TrimEnd(']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(ResolveTimeout);
                addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
            }
            catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return $"The host {host} does not resolve.";
            }
        }
        if (addresses.Length == 0)
        {
            return $"The host {host} does not resolve.";
        }
        foreach (var address in addresses)
        {
            if (AddressPolicy.Refusal(address, allowLoopback) is { } why)
            {
                return $"The host {host} resolves to {address}, {why}; webhooks go to public addresses only.";
            }
        }
        if (uri.Scheme == "http" && !(allowLoopback && addresses.All(IPAddress.IsLoopback)))
        {
            return "The URL must use https.";
        }
        return null;
    }
}
