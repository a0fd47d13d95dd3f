using System.Net;
using System.Net.Sockets;

namespace Kyodo.Testing;

/// <summary>
/// A loopback port that refuses every connection for as long as this is held: a socket bound
/// to it that never listens. Holding the port (rather than picking a free one and letting it
/// go) keeps another test, app or process from starting to listen there meanwhile, so "nobody
/// answers on this address" stays true for the whole test.
/// </summary>
public sealed class ClosedPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ClosedPort()
    {
        // Without SO_REUSEADDR on this socket, no other socket can bind the port while it is held.
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, false);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>http://127.0.0.1:port, for settings that name a service's address.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}");

    public void Dispose() => _socket.Dispose();
}
