using System.Net;
using System.Net.Sockets;

namespace BffPlatform.Testing.Processes;

internal static class FreePort
{
    // Ports already handed out in this test process. The OS may give the same ephemeral port to two
    // quick asks in a row: a CI run got identity and bff-web on one port, bff-web could not bind, and
    // the browser tests met identity's page where the shop should be.
    private static readonly HashSet<int> Given = [];

    /// <summary>An ephemeral loopback port the OS just handed out (free at the time of asking), never the same twice.</summary>
    public static int Next()
    {
        lock (Given)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
