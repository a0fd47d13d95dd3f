using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Kyodo.Budget.V1;
using Kyodo.Plan.V1;
using Kyodo.Subsidy.V1;

namespace Kyodo.Reporting.Rebuild;

/// <summary>
/// The public gRPC APIs a rebuild reads (never the services' databases), each call carrying
/// the rebuild's bearer token.
/// </summary>
public sealed class RebuildSources : IDisposable
{
    private readonly List<GrpcChannel> _channels = [];

    public PlanService.PlanServiceClient Plan { get; }
    public BudgetService.BudgetServiceClient Budget { get; }
    public SubsidyService.SubsidyServiceClient Subsidy { get; }

    public RebuildSources(Uri plan, Uri budget, Uri subsidy, string? bearerToken)
    {
        Plan = new PlanService.PlanServiceClient(Open(plan, bearerToken));
        Budget = new BudgetService.BudgetServiceClient(Open(budget, bearerToken));
        Subsidy = new SubsidyService.SubsidyServiceClient(Open(subsidy, bearerToken));
    }

    private CallInvoker Open(Uri address, string? bearerToken)
    {
        var channel = GrpcChannel.ForAddress(address);
        _channels.Add(channel);
        var invoker = channel.CreateCallInvoker();
        return bearerToken is { Length: > 0 } token
            ? invoker.Intercept(headers => { headers.Add("authorization", $"Bearer {token}"); return headers; })
            : invoker;
    }

    public void Dispose()
    {
        foreach (var channel in _channels) channel.Dispose();
    }
}
