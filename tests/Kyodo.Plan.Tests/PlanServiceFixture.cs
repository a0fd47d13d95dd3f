using Kyodo.Contracts.Plan;
using Kyodo.Plan.Data;
using Kyodo.Plan.V1;
using Kyodo.Testing;

namespace Kyodo.Plan.Tests;

public sealed class PlanServiceFixture : ServiceFixture<PlanDbContext>
{
    protected override string Name => "plan";
    protected override string ConnectionName => "Plan";
    protected override Type[] ObservedEvents => [typeof(PlanCreated)];
    protected override WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure) => PlanApp.Create(args, configure);

    public PlanService.PlanServiceClient Client => new(Service.Channel);
}
