using System.Net;
using System.Net.Sockets;

namespace Nightshift.Testing;

/// <summary>Picks a TCP port on the loopback interface that is free at the time of the call. Thread-safe.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
