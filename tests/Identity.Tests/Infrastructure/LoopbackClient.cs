using System.Net;
using System.Net.Sockets;

namespace BffPlatform.Identity.Tests.Infrastructure;

/// <summary>
/// A browser-like client that reaches identity's Kestrel listener over real sockets from a chosen
/// loopback address (127.0.0.2, 127.0.0.3, ...: Linux routes all of 127/8 to lo), so identity sees
/// a different client address per attacker. Every request goes to the listener whatever its URL's
/// host, so the helpers' http://localhost/ URLs (the issuer) work unchanged. Cookies are kept like
/// Chromium does on loopback: Secure ones are sent over http too (CookieContainer never would).
/// </summary>
public static class LoopbackClient
{
    public static HttpClient Create(int serverPort, string localAddress)
    {
        var local = IPAddress.Parse(localAddress);
        var network = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, serverPort), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(new CookieJar { InnerHandler = network }) { BaseAddress = new Uri(IdentityFactory.Issuer), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The jar sees every URL as https, so it stores and sends Secure cookies over loopback http.</summary>
    private sealed class CookieJar : DelegatingHandler
    {
        private readonly CookieContainer _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = new UriBuilder(request.RequestUri!) { Scheme = Uri.UriSchemeHttps, Port = request.RequestUri!.Port }.Uri;
            var header = _cookies.GetCookieHeader(uri);
            request.Headers.Remove("Cookie");
            if (header.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("Cookie", header);
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies) _cookies.SetCookies(uri, setCookie);
            }
            return response;
        }
    }
}
