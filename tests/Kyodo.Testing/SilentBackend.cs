using System.Net;
using System.Net.Sockets;

namespace Kyodo.Testing;

/// <summary>
/// A backend that accepts connections and never answers (a hung service): what only a caller's
/// own deadline can bound (the gateway's, the reporting rebuild's).
/// </summary>
public sealed class SilentBackend : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SilentBackend()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Completes when a caller first connected: its call is then waiting for an answer that never comes.</summary>
    public Task Connected => _connected.Task;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_held) _held.Add(client);
                _connected.TrySetResult();
            }
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        lock (_held) _held.ForEach(c => c.Dispose());
        _stop.Dispose();
    }
}
