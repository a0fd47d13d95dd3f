using System.Security.Claims;
using Grpc.Core;
using Kyodo.Security;

namespace Kyodo.ServiceDefaults.Grpc;

/// <summary>
/// Who is calling, as the bearer token says: the subject, the municipality, the departments,
/// roles and scopes, and the address the call came from. Authorization decides with it; audit
/// rows and history records write it down.
/// </summary>
public sealed record Caller(
    string Subject,
    string? MunicipalityCode,
    IReadOnlyList<Guid> Departments,
    IReadOnlySet<string> Roles,
    IReadOnlySet<string> Scopes,
    string? Address)
{
    public bool IsAuthenticated { get; init; }

    /// <summary>The prefecture code of a prefecture caller's token (2 digits), else null.</summary>
    public string? PrefectureCode { get; init; }

    public bool HasRole(string role) => Roles.Contains(role);

    public bool HasScope(string scope) => Scopes.Contains(scope);

    /// <summary>Reads the caller from an authenticated principal (claim names as <see cref="KyodoClaims"/>).</summary>
    public static Caller From(ClaimsPrincipal user, string? address)
    {
        var authenticated = user.Identity?.IsAuthenticated == true;
        var departments = user.FindAll(KyodoClaims.Department)
            .Select(claim => Guid.TryParse(claim.Value, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty)
            .Distinct()
            .ToArray();
        var scopes = user.FindAll(KyodoClaims.Scope)
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        return new Caller(
            user.FindFirst(KyodoClaims.Subject)?.Value is { Length: > 0 } subject ? subject : "anonymous",
            user.FindFirst(KyodoClaims.Municipality)?.Value,
            departments,
            user.FindAll(KyodoClaims.Role).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal),
            scopes,
            address)
        { IsAuthenticated = authenticated, PrefectureCode = user.FindFirst(KyodoClaims.Prefecture)?.Value };
    }
}

public static class CallerExtensions
{
    /// <summary>The caller of this gRPC call, from its validated token (AuthenticationInterceptor has run).</summary>
    public static Caller Caller(this ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var address = http.Connection.RemoteIpAddress?.ToString();
        return Grpc.Caller.From(http.User, address);
    }
}
