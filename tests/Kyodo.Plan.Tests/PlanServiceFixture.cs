using Kyodo.Contracts.Plan;
using Kyodo.Plan.Data;
using Kyodo.Plan.V1;
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
        typeof(EvaluationChanged), typeof(EvaluationSettingsChanged), typeof(IndicatorActualEntryChanged), typeof(ReportingDeadlineChanged),
        typeof(ActualsOverdue),
    ];
    protected override WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure) => PlanApp.Create(args, configure);

    public PlanService.PlanServiceClient Client => new(Service.Channel);

    /// <summary>A client whose calls carry a system token with the subject <paramref name="actor"/> (who history records).</summary>
    public PlanService.PlanServiceClient ClientAs(string actor) =>
        new(Service.ChannelAs(TestAuth.SystemTokenAs(actor)));
}
