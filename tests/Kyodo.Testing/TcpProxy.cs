using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Kyodo.Testing;

/// <summary>
/// A loopback TCP forwarder in front of a real server, which a test can take down (cutting
/// every connection and refusing new ones) and bring back: a broker outage without stopping
/// the broker other test classes share.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<TcpClient, byte> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    // Taking down and registering a new connection exclude each other: otherwise a connection
    // accepted just before TakeDown, still connecting upstream while TakeDown cuts the others,
    // would be registered afterwards and carry traffic through the whole "outage".
    private readonly Lock _gate = new();
    private bool _down;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public TcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    /// <summary>Cuts every open connection; new ones are closed at once until <see cref="BringUp"/>.</summary>
    public void TakeDown()
    {
        lock (_gate)
        {
            _down = true;
            foreach (var connection in _connections.Keys) connection.Dispose();
            _connections.Clear();
        }
    }

    public void BringUp()
    {
        lock (_gate) _down = false;
    }

    private bool IsDown
    {
        get { lock (_gate) return _down; }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            if (IsDown) { client.Dispose(); continue; }
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, _stop.Token);
            lock (_gate)
            {
                if (_down) return; // taken down while this one was connecting: cut it too (finally)
                _connections[client] = 0;
                _connections[server] = 0;
            }
            await Task.WhenAny(
                client.GetStream().CopyToAsync(server.GetStream(), _stop.Token),
                server.GetStream().CopyToAsync(client.GetStream(), _stop.Token));
        }
        catch (Exception)
        {
            // A cut connection ends here; that is the point.
        }
        finally
        {
            _connections.TryRemove(client, out _);
            _connections.TryRemove(server, out _);
            client.Dispose();
            server.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        TakeDown();
        return ValueTask.CompletedTask;
    }
}
