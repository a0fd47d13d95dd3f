using Kyodo.Budget.V1;
using Kyodo.Plan.V1;
using Kyodo.Reporting.V1;
using Kyodo.Subsidy.V1;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Kyodo.Gateway;

/// <summary>
/// Two routes per backend, both forwarded over HTTP/2 cleartext exactly (the backends speak only
/// h2c on their gRPC port): gRPC by service path (<c>/kyodo.plan.v1.PlanService/{method}</c>) and
/// REST by prefix (<c>/plan/v1/…</c>, the paths of the protos' google.api.http annotations, which
/// the service transcodes itself). REST routes carry the body cap; deadlines are DefaultDeadline's.
/// </summary>
public static class GatewayRoutes
{
    // Proto service → backend. Add a line here when a proto gains a service.
    public static readonly IReadOnlyList<(ServiceDescriptor Service, string Backend)> Services =
    [
        (PlanService.Descriptor, "Plan"),
        (BudgetService.Descriptor, "Budget"),
        (SubsidyService.Descriptor, "Subsidy"),
        (ReportingService.Descriptor, "Reporting"),
    ];

    /// <summary>The REST path prefix of a backend: <c>/plan/v1/</c> for Plan.</summary>
    public static string RestPrefix(string backend) => $"/{backend.ToLowerInvariant()}/v1/";

    /// <summary>The path under which browsers reach the web app (its Web:PathBase), on the gateway's HTTP/1.1 port.</summary>
    public const string WebPrefix = "/app";

    public static IReadOnlyList<RouteConfig> Routes(GatewayOptions options, WebBackend? web = null)
    {
        var grpc = Services.Select(s => new RouteConfig
        {
            RouteId = s.Service.FullName,
            ClusterId = s.Backend,
            Match = new RouteMatch { Path = $"/{s.Service.FullName}/{{**method}}" },
        });
        var rest = Services.Select(s => s.Backend).Distinct().Select(backend => new RouteConfig
        {
            RouteId = $"rest-{backend.ToLowerInvariant()}",
            ClusterId = backend,
            Match = new RouteMatch { Path = RestPrefix(backend) + "{**rest}" },
            MaxRequestBodySize = options.MaxRestBodyBytes,
        });
        return grpc.Concat(rest).Concat(web is null ? [] : [WebRoute(options)]).ToList();
    }

    /// <summary>
    /// The web app's pages, passed through over HTTP/1.1. Anonymous here: the app signs its users
    /// in itself (a cookie, then each of its calls comes back through this gateway with the user's
    /// own bearer token, checked and rate-limited per user like any call). Not rate-limited by
    /// address: every browser behind one ingress has the same one.
    /// </summary>
    private static RouteConfig WebRoute(GatewayOptions options) => new()
    {
        RouteId = "web",
        ClusterId = WebBackend.ClusterId,
        Match = new RouteMatch { Path = WebPrefix + "/{**page}" },
        AuthorizationPolicy = "Anonymous",
        RateLimiterPolicy = "Disable",
        MaxRequestBodySize = options.MaxRestBodyBytes,
    };

    public static IReadOnlyList<ClusterConfig> Clusters(BackendServices backends, WebBackend? web = null) =>
        backends.Addresses.Select(b => new ClusterConfig
        {
            ClusterId = b.Key,
            HttpRequest = new ForwarderRequestConfig
            {
                Version = new Version(2, 0),
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            },
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [b.Key.ToLowerInvariant()] = new() { Address = b.Value.ToString() },
            },
        }).Concat(web is null ? [] : [new ClusterConfig
        {
            ClusterId = WebBackend.ClusterId,
            HttpRequest = new ForwarderRequestConfig { Version = new Version(1, 1), VersionPolicy = HttpVersionPolicy.RequestVersionExact },
            Destinations = new Dictionary<string, DestinationConfig> { ["web"] = new() { Address = web.Address.ToString() } },
        }]).ToList();
}
