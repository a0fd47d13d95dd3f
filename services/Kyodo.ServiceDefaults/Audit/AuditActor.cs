using Kyodo.ServiceDefaults.Grpc;
using Microsoft.AspNetCore.Http;

namespace Kyodo.ServiceDefaults.Audit;

/// <summary>Who made a change, as the audit trail writes it down.</summary>
public sealed record AuditActor(
    string Subject,
    string? MunicipalityCode,
    IReadOnlyList<Guid> Departments,
    IReadOnlyList<string> Roles,
    string? Address,
    string? PeerAddress)
{
    /// <summary>
    /// The caller of the current request: the validated token's claims (AuthenticationInterceptor
    /// refuses any call without a valid token before a handler can write).
    /// </summary>
    public static AuditActor FromRequest(HttpContext http)
    {
        var peer = http.Connection.RemoteIpAddress?.ToString();
        var address = ForwardedFor(http.Request.Headers) ?? peer;
        var caller = Caller.From(http.User, address);
        return new AuditActor(caller.Subject, caller.MunicipalityCode, caller.Departments,
            caller.Roles.Order(StringComparer.Ordinal).ToArray(), caller.Address, peer);
    }

    /// <summary>A write no call asked for (a background job of the service itself).</summary>
    public static AuditActor System(string serviceName) => new($"system:{serviceName}", null, [], [], null, null);

    /// <summary>
    /// The client the gateway (YARP) received the call from: the first X-Forwarded-For entry.
    /// Only the gateway can reach a service (the NetworkPolicies), so the header is the gateway's.
    /// </summary>
    private static string? ForwardedFor(IHeaderDictionary headers)
    {
        var value = headers["X-Forwarded-For"].ToString();
        if (value.Length == 0) return null;
        var first = value.Split(',', 2)[0].Trim();
        return first.Length is > 0 and <= 100 ? first : null;
    }
}
