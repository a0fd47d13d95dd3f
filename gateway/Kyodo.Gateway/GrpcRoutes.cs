using Yarp.ReverseProxy.Configuration;

namespace Kyodo.Gateway;

/// <summary>
/// One route per gRPC service, matched on its path (<c>/kyodo.plan.v1.PlanService/{method}</c>),
/// forwarded over HTTP/2 cleartext exactly (the backends speak only h2c on their gRPC port).
/// </summary>
public static class GrpcRoutes
{
    // Proto service full name → backend. Add a line here when a proto gains a service.
    private static readonly (string GrpcService, string Backend)[] Services =
    [
        ("kyodo.plan.v1.PlanService", "Plan"),
        ("kyodo.budget.v1.BudgetService", "Budget"),
        ("kyodo.subsidy.v1.SubsidyService", "Subsidy"),
        ("kyodo.reporting.v1.ReportingService", "Reporting"),
    ];

    public static IReadOnlyList<RouteConfig> Routes(BackendServices backends) =>
        Services.Select(s => new RouteConfig
        {
            RouteId = s.GrpcService,
            ClusterId = s.Backend,
            Match = new RouteMatch { Path = $"/{s.GrpcService}/{{**method}}" },
        }).ToList();

    public static IReadOnlyList<ClusterConfig> Clusters(BackendServices backends) =>
        backends.Addresses.Select(b => new ClusterConfig
        {
            ClusterId = b.Key,
            HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig
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
