using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Kyodo.Api.Tests;

/// <summary>
/// Every outbound connection this process attempts, as .NET's own networking reports it: each
/// socket connect (System.Net.Sockets) and each host name looked up (System.Net.NameResolution).
/// </summary>
public sealed class OutboundConnections : EventListener
{
    public ConcurrentQueue<IPEndPoint> Connects { get; } = new();
    public ConcurrentQueue<string> Lookups { get; } = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name is "System.Net.Sockets" or "System.Net.NameResolution")
            EnableEvents(source, EventLevel.Informational, (EventKeywords)(-1));
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e is { EventName: "ConnectStart", Payload: [string address, ..] } && Parse(address) is { } endpoint) Connects.Enqueue(endpoint);
        if (e is { EventName: "ResolutionStart", Payload: [string host, ..] }) Lookups.Enqueue(host);
    }

    /// <summary>
    /// Reads SocketAddress.ToString(): "InterNetwork:16:{0,80,127,0,0,1,…}" (family, size, then the bytes
    /// after the family's two: the port big-endian, then the IPv4 address, or for IPv6 four bytes of
    /// flow information and the 16 of the address).
    /// </summary>
    private static IPEndPoint? Parse(string address)
    {
        var match = Regex.Match(address, @"^(\w+):\d+:\{([\d,]+)\}$");
        if (!match.Success) return null;
        var bytes = match.Groups[2].Value.Split(',').Select(byte.Parse).ToArray();
        var port = bytes[0] << 8 | bytes[1];
        return match.Groups[1].Value switch
        {
            nameof(AddressFamily.InterNetwork) => new IPEndPoint(new IPAddress(bytes[2..6]), port),
            nameof(AddressFamily.InterNetworkV6) => new IPEndPoint(new IPAddress(bytes[6..22]), port),
            _ => null,
        };
    }
}

/// <summary>
/// A proxy that refuses: set as the process's default HTTP proxy, it receives every HTTP request
/// for a non-local host (instead of that host), records what was asked for, and answers 403, so
/// nothing leaves the machine and nothing is even looked up.
/// </summary>
public sealed class RefusingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public ConcurrentQueue<string> Requests { get; } = new();
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public RefusingProxy()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            _ = RefuseAsync(client);
        }
    }

    private async Task RefuseAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, leaveOpen: true);
                if (await reader.ReadLineAsync(_stop.Token) is { } requestLine) Requests.Enqueue(requestLine);
                await stream.WriteAsync("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(),
                    _stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
    }
}
