using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Kyodo.Budget.V1;
using Kyodo.Plan.V1;
using Kyodo.Reporting.V1;
using Kyodo.Subsidy.V1;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

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

    public static IReadOnlyList<RouteConfig> Routes(GatewayOptions options)
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
        return grpc.Concat(rest).ToList();
    }

    public static IReadOnlyList<ClusterConfig> Clusters(BackendServices backends) =>
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
        }).ToList();
}
