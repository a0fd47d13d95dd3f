using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.Audit;

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
    /// refuses any call without a valid token before a handler can write), and the client's address
    /// as <see cref="ForwardedFor"/> tells it (X-Forwarded-For only from a trusted proxy).
    /// </summary>
    public static AuditActor FromRequest(HttpContext http)
    {
        var peer = http.Connection.RemoteIpAddress?.ToString();
        var address = http.RequestServices.GetService<ForwardedFor>()?.ClientAddress(http) ?? peer;
        var caller = Caller.From(http.User, address);
        return new AuditActor(caller.Subject, caller.MunicipalityCode, caller.Departments,
            caller.Roles.Order(StringComparer.Ordinal).ToArray(), caller.Address, peer);
    }

    /// <summary>A write no call asked for (a background job of the service itself).</summary>
    public static AuditActor System(string serviceName) => new($"system:{serviceName}", null, [], [], null, null);

}
