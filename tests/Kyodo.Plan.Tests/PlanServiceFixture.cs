using Kyodo.Contracts.Plan;
using Kyodo.Plan.Data;
using Kyodo.Plan.V1;
using Grpc.Core.Interceptors;
using Kyodo.Testing;

namespace Kyodo.Plan.Tests;

public sealed class PlanServiceFixture : ServiceFixture<PlanDbContext>
{
    protected override string Name => "plan";
    protected override string ConnectionName => "Plan";
    protected override Type[] ObservedEvents =>
    [
        typeof(PlanCreated), typeof(PlanUpdated), typeof(PlanDeleted), typeof(PlanNodeChanged),
        typeof(ItemCreated), typeof(ItemUpdated), typeof(ItemDeleted), typeof(ItemScheduleChanged),
        typeof(IndicatorActualRecorded), typeof(IndicatorTargetRevised), typeof(PriorityGoalChanged), typeof(DepartmentChanged),
    ];
    protected override WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure) => PlanApp.Create(args, configure);

    public PlanService.PlanServiceClient Client => new(Service.Channel);

    /// <summary>A client whose calls name <paramref name="actor"/> as the caller (x-kyodo-actor).</summary>
    public PlanService.PlanServiceClient ClientAs(string actor) =>
        new(Service.Channel.Intercept(metadata =>
        {
            metadata.Add("x-kyodo-actor", actor);
            return metadata;
        }));
}
