using System.Net;
using System.Net.Sockets;

namespace Reconciler.Tests.Common;

/// <summary>
/// A loopback port free for both TCP and UDP at the moment of asking. There is a race until the server binds it,
/// so fixtures also check that the server they started is the one answering.
/// </summary>
public static class FreePort
{
    public static int Next()
    {
        while (true)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // taken for UDP; try another
            }
        }
    }
}
