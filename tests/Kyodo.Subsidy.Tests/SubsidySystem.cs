using BudgetV1 = Kyodo.Budget.V1;
using PlanV1 = Kyodo.Plan.V1;
using SubsidyV1 = Kyodo.Subsidy.V1;

namespace Kyodo.Subsidy.Tests;

/// <summary>The three services a subsidy test talks to, in-process (SubsidySystemFixture) or as processes (ProcessSystemFixture).</summary>
public interface ISubsidySystem
{
    SubsidyV1.SubsidyService.SubsidyServiceClient Subsidies { get; }
    BudgetV1.BudgetService.BudgetServiceClient Budgets { get; }
    PlanV1.PlanService.PlanServiceClient Plans { get; }
}
