using System.Net;
using Kyodo.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;

namespace Kyodo.ServiceDefaults.Tests;

// The audit address comes from X-Forwarded-For only when the call's direct peer is a trusted proxy.
public sealed class ForwardedForTests
{
    private static HttpContext Call(string peer, string? forwardedFor)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        if (forwardedFor is not null) http.Request.Headers["X-Forwarded-For"] = forwardedFor;
        return http;
    }

    private static readonly ForwardedFor Trusting = new(new ForwardedForOptions { TrustedProxies = ["10.244.0.0/16", "192.0.2.7"] });

    [Fact]
    public void ATrustedProxysFirstEntryNamesTheClient()
    {
        Assert.Equal("203.0.113.77", Trusting.ClientAddress(Call("10.244.3.9", "203.0.113.77, 10.0.0.9")));
        Assert.Equal("203.0.113.78", Trusting.ClientAddress(Call("::ffff:192.0.2.7", "203.0.113.78")));
    }

    [Fact]
    public void AHeaderFromAnyOtherPeerIsIgnoredAndThePeerNamed()
    {
        Assert.Equal("198.51.100.4", Trusting.ClientAddress(Call("198.51.100.4", "203.0.113.77")));
        Assert.Null(Trusting.TrustedHeader(Call("198.51.100.4", "203.0.113.77")));
        Assert.Equal("10.244.3.9", new ForwardedFor(new ForwardedForOptions()).ClientAddress(Call("10.244.3.9", "203.0.113.77")));
    }

    [Fact]
    public void AMalformedTrustedProxyStopsTheServiceFromStarting()
    {
        var ex = Assert.Throws<InvalidOperationException>(
            () => new ForwardedFor(new ForwardedForOptions { TrustedProxies = ["10.0.0.0/99", "gateway"] }));
        Assert.Contains("not: 10.0.0.0/99, gateway", ex.Message);
    }
}
