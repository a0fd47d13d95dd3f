using Kyodo.ServiceDefaults.Input;
using Kyodo.ServiceDefaults.Updates;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.EndToEnd.Tests;

// Every text field of every request has a decided rule (length, one line or several): a string
// field added to a request without a line in its service's text table, and not covered by the
// conventions (ids, municipality codes, fiscal years), fails here. And every update RPC of every
// service resolves its update_mask (through its update rule, or in its handler: the evaluation RPCs).
public sealed class TextFieldCoverageTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private IEnumerable<IServiceProvider> Services =>
        new[] { system.Plan, system.Budget, system.Subsidy, system.Reporting }.Select(s => s.Services);

    [Fact]
    public void EveryTextFieldOfEveryRequestHasARuleOfItsService()
    {
        var tables = Services.Select(s => s.GetRequiredService<TextFieldTable>()).ToList();
        Assert.Equal(
            ["kyodo.budget.v1.BudgetService", "kyodo.plan.v1.PlanService", "kyodo.reporting.v1.ReportingService",
                "kyodo.subsidy.v1.SubsidyService"],
            tables.Select(t => t.Service.FullName).Order());

        var undeclared = tables.SelectMany(t => t.Undeclared()).Select(f => f.FullName).Distinct().Order().ToList();
        Assert.True(undeclared.Count == 0,
            "Text fields without a rule (declare each in its service's Grpc/<Area>TextFields): " + string.Join(", ", undeclared));
        Assert.True(tables.Sum(t => t.RequestTextFields().Count()) > 150);
    }

    [Fact]
    public void EveryRequestWithAnUpdateMaskHasAnUpdateRule()
    {
        var rules = Services.SelectMany(s => s.GetServices<UpdateRuleTable>())
            .SelectMany(t => t.Rules.Keys.Select(m => $"{t.Service.Name}/{m}")).Order();

        Assert.Equal(
        [
            "BudgetService/ReviseBudgetLine", "PlanService/UpdateDepartment", "PlanService/UpdateIndicator", "PlanService/UpdateItem",
            "PlanService/UpdateNode",
            "PlanService/UpdatePlan", "PlanService/UpdatePriorityGoal", "SubsidyService/UpdateCourse", "SubsidyService/UpdateProgram",
        ], rules);
        var ownMasks = Services.SelectMany(s => s.GetServices<UpdateRuleTable>())
            .SelectMany(t => t.OwnMasks.Keys.Select(m => $"{t.Service.Name}/{m}")).Order();
        Assert.Equal(["PlanService/UpdateEvaluation", "PlanService/UpdateEvaluationSettings"], ownMasks);
    }
}
