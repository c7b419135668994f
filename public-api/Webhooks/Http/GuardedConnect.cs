using System.Net;
using System.Net.Sockets;

namespace BffPlatform.PublicApi.Webhooks.Http;

/// <summary>
/// The webhook client's connect step: the host is resolved here and every address is checked
/// against <see cref="AddressPolicy"/> at connect time, so a name that resolved to a public address
/// at registration and to a private one now (DNS rebinding) is still refused. It connects to the
/// checked address itself, never resolving twice.
/// </summary>
internal static class GuardedConnect
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowLoopback, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.TrimStart('[').TrimEnd(']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        string? refusal = null;
        var allowed = new List<IPAddress>();
        foreach (var address in addresses)
        {
            if (AddressPolicy.Refusal(address, allowLoopback) is { } why)
            {
                refusal ??= $"{host} resolves to {address}, {why}";
            }
            else
            {
                allowed.Add(address);
            }
        }
        // A name with any refused address is refused whole: a receiver has no reason to mix them.
        if (refusal is not null || allowed.Count == 0)
        {
            throw new WebhookAddressRefusedException(refusal ?? $"{host} resolves to no address");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The receiver's address is not one a webhook may reach; recorded on the delivery and retried (DNS may change back).</summary>
public sealed class WebhookAddressRefusedException(string message) : HttpRequestException(message);
