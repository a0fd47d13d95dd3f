using System.Net;
using Grpc.Net.Client;

namespace Kyodo.Benchmarks.Common;

/// <summary>
/// One channel per target, shared by every caller: HTTP/2 multiplexes the calls, and a second
/// connection opens only when one reaches the server's stream limit. Tokens go in each call's headers.
/// </summary>
public static class Channels
{
    public static GrpcChannel Create(Uri address) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
                AutomaticDecompression = DecompressionMethods.None,
                UseProxy = false,
            },
            DisposeHttpClient = true,
        });
}
