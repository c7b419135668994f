using System.Net;
using System.Net.Sockets;

namespace BffPlatform.Testing.Processes;

internal static class FreePort
{
    /// <summary>An ephemeral loopback port the OS just handed out (free at the time of asking).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
