namespace Kyodo.Security;

/// <summary>
/// The HTTP/2 header limits every hop agrees on. A response's headers and trailers are decoded by
/// one HPACK decoder per connection: a header block that a client's decoder cannot take (above its
/// MaxResponseHeadersLength) is a connection error in .NET's SocketsHttpHandler, and every call in
/// flight on that connection fails with it. The gateway multiplexes all callers of a service onto a
/// few connections, so one oversized response would fail other municipalities' calls. Hence the
/// order these limits keep: what a service sends (<see cref="ServiceTrailerBytes"/>, which its error
/// interceptor enforces) is well below what every service-to-service client accepts
/// (<see cref="ClientResponseHeaderBytes"/>), and the gateway's forwarder reads far more again
/// (<see cref="GatewayResponseHeaderBytes"/>), so that even a response past a service's own bound
/// fails only the call it answers, at the caller's client, never the connection the gateway shares.
/// What the gateway forwards of a caller's request headers (<see cref="GatewayRequestHeaderBytes"/>)
/// is below what a service accepts (<see cref="ServiceRequestHeaderBytes"/>), with room for the
/// headers the gateway adds (X-Forwarded-*, grpc-timeout).
/// </summary>
public static class HeaderLimits
{
    /// <summary>The most a service's response headers and trailers take: a bounded status is well within.</summary>
    public const int ServiceTrailerBytes = 16 * 1024;

    /// <summary>MaxResponseHeadersLength of every service-to-service client (the .NET default, stated).</summary>
    public const int ClientResponseHeaderBytes = 64 * 1024;

    /// <summary>MaxResponseHeadersLength of the gateway's forwarder: what no Kyodo service can reach.</summary>
    public const int GatewayResponseHeaderBytes = 1024 * 1024;

    /// <summary>Kestrel's MaxRequestHeadersTotalSize at the gateway (its own default, stated).</summary>
    public const int GatewayRequestHeaderBytes = 32 * 1024;

    /// <summary>Kestrel's MaxRequestHeadersTotalSize and HTTP/2 MaxRequestHeaderFieldSize at each service.</summary>
    public const int ServiceRequestHeaderBytes = 48 * 1024;

    /// <summary>SocketsHttpHandler.MaxResponseHeadersLength is in KiB.</summary>
    public static int Kilobytes(int bytes) => bytes / 1024;
}
