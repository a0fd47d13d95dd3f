using System.Net;
using Microsoft.AspNetCore.Http;

namespace Kyodo.ServiceDefaults.Security;

/// <summary>
/// Section <c>ForwardedFor</c>: the proxies whose X-Forwarded-For a service believes
/// (<c>ForwardedFor__TrustedProxies__0=10.0.0.5</c>, an address or a network such as <c>10.244.0.0/16</c>):
/// the gateway, and the services that call this one for a client. None by default.
/// </summary>
public sealed class ForwardedForOptions
{
    public const string Section = "ForwardedFor";

    public List<string> TrustedProxies { get; set; } = [];
}

/// <summary>
/// Where a call came from, for the audit trail and for the services this one calls. The first
/// X-Forwarded-For entry names the client only when the call's direct peer is a trusted proxy; a
/// client calling a service directly could otherwise write any address it liked into the audit trail.
/// </summary>
public sealed class ForwardedFor
{
    private readonly IReadOnlyList<IPNetwork> _trusted;

    public ForwardedFor(ForwardedForOptions options)
    {
        var wrong = options.TrustedProxies.Where(p => !TryParse(p, out _)).ToList();
        if (wrong.Count > 0)
            throw new InvalidOperationException($"{ForwardedForOptions.Section}:TrustedProxies must be IP addresses or networks "
                + $"(10.0.0.0/8); not: {string.Join(", ", wrong)}");
        _trusted = options.TrustedProxies.Select(p => { TryParse(p, out var network); return network; }).ToList();
    }

    /// <summary>Whether <paramref name="peer"/> is one of the trusted proxies.</summary>
    public bool Trusts(IPAddress? peer)
    {
        if (peer is null) return false;
        if (peer.IsIPv4MappedToIPv6) peer = peer.MapToIPv4();
        return _trusted.Any(n => n.Contains(peer));
    }

    /// <summary>
    /// The X-Forwarded-For the call arrived with, when its peer is a trusted proxy; null otherwise
    /// (a caller's own header is then ignored).
    /// </summary>
    public string? TrustedHeader(HttpContext http)
    {
        var value = http.Request.Headers["X-Forwarded-For"].ToString();
        return value.Length > 0 && Trusts(http.Connection.RemoteIpAddress) ? value : null;
    }

    /// <summary>The client's address: the first X-Forwarded-For entry from a trusted proxy, else the direct peer.</summary>
    public string? ClientAddress(HttpContext http)
    {
        var peer = http.Connection.RemoteIpAddress?.ToString();
        if (TrustedHeader(http) is not { } forwarded) return peer;
        var first = forwarded.Split(',', 2)[0].Trim();
        return first.Length is > 0 and <= 100 ? first : peer;
    }

    private static bool TryParse(string text, out IPNetwork network)
    {
        if (IPNetwork.TryParse(text, out network)) return true;
        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return false;
    }
}
