using Grpc.Core;
using Grpc.Core.Interceptors;
using Kyodo.Budget.V1;
using Kyodo.Plan.V1;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;

namespace Kyodo.Cli.Tests;

/// <summary>
/// What the services hold for one municipality, down to every record's version and revision
/// history length, read through the gateway: two snapshots are equal only if nothing was written.
/// </summary>
public static class HeldState
{
    public static CallInvoker Invoker(KyodoSystem system) =>
        system.Gateway.Channel.Intercept(m => { m.Add("authorization", "Bearer " + TestAuth.SystemToken()); return m; });

    public static async Task<List<string>> OfAsync(KyodoSystem system, string municipality)
    {
        var invoker = Invoker(system);
        var plans = new PlanService.PlanServiceClient(invoker);
        var budgets = new BudgetService.BudgetServiceClient(invoker);
        var subsidies = new SubsidyService.SubsidyServiceClient(invoker);
        var state = new List<string>();
        var page = new Kyodo.Common.V1.PageRequest { PageSize = 500 };
        foreach (var plan in (await plans.ListPlansAsync(new ListPlansRequest { MunicipalityCode = municipality, Page = page })).Plans)
        {
            state.Add($"plan {plan.Id} v{plan.Version}");
            foreach (var node in (await plans.ListNodesAsync(new ListNodesRequest { PlanId = plan.Id })).Nodes)
                state.Add($"node {node.Id} v{node.Version}");
            foreach (var item in (await plans.ListItemsAsync(
                new ListItemsRequest { MunicipalityCode = municipality, PlanId = plan.Id, Page = page })).Items)
            {
                var history = await plans.GetItemHistoryAsync(new GetItemHistoryRequest { Id = item.Id });
                state.Add($"item {item.Id} v{item.Version} {item.UpdatedAt} history {history.Changes.Count}");
            }
        }
        foreach (var line in (await budgets.ListBudgetLinesAsync(
            new ListBudgetLinesRequest { MunicipalityCode = municipality, Page = page })).Lines)
            state.Add($"line {line.Id} v{line.Version} {line.UpdatedAt}");
        foreach (var goal in (await plans.ListPriorityGoalsAsync(new ListPriorityGoalsRequest { MunicipalityCode = municipality })).Goals)
            state.Add($"goal {goal.Id} v{goal.Version}");
        foreach (var program in (await subsidies.ListProgramsAsync(new ListProgramsRequest { MunicipalityCode = municipality })).Programs)
            state.Add($"program {program.Id} v{program.Version} courses {string.Join(",", program.Courses.Select(c => c.Version))}");
        foreach (var application in (await subsidies.ListApplicationsAsync(
            new ListApplicationsRequest { MunicipalityCode = municipality, Page = page })).Applications)
            state.Add($"application {application.Id} v{application.Version}");
        foreach (var applicant in (await subsidies.ListApplicantsAsync(
            new ListApplicantsRequest { MunicipalityCode = municipality, Page = page })).Applicants)
            state.Add($"applicant {applicant.Id}");
        return state;
    }
}
