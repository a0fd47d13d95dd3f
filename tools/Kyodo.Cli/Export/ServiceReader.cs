using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Subsidy.V1;

namespace Kyodo.Cli.Export;

/// <summary>Reads what the services hold, every page of it.</summary>
internal sealed class ServiceReader(CallInvoker invoker, CancellationToken ct)
{
    public PlanService.PlanServiceClient Plans { get; } = new(invoker);
    public BudgetService.BudgetServiceClient Budgets { get; } = new(invoker);
    public SubsidyService.SubsidyServiceClient Subsidies { get; } = new(invoker);
    public CancellationToken Cancellation => ct;

    private static async Task<List<T>> AllPagesAsync<T>(Func<PageRequest, Task<(IEnumerable<T> Rows, PageResponse? Page)>> page)
    {
        var all = new List<T>();
        var request = new PageRequest { PageSize = 500 };
        while (true)
        {
            var (rows, next) = await page(request);
            all.AddRange(rows);
            if (string.IsNullOrEmpty(next?.NextPageToken)) return all;
            request = new PageRequest { PageSize = 500, PageToken = next.NextPageToken };
        }
    }

    public Task<List<Plan.V1.Plan>> PlansAsync(string municipality) => AllPagesAsync<Plan.V1.Plan>(async page =>
    {
        var response =
            await Plans.ListPlansAsync(new ListPlansRequest { MunicipalityCode = municipality, Page = page }, cancellationToken: ct);
        return ((IEnumerable<Plan.V1.Plan>)response.Plans, response.Page);
    });

    /// <summary>A plan's items in creation order: an imported plan's in document order.</summary>
    public Task<List<Item>> ItemsAsync(string municipality, string planId) => AllPagesAsync<Item>(async page =>
    {
        var response = await Plans.ListItemsAsync(new ListItemsRequest { MunicipalityCode = municipality, PlanId = planId, Page = page },
            cancellationToken: ct);
        return ((IEnumerable<Item>)response.Items, response.Page);
    });

    public async Task<List<PlanNode>> NodesAsync(string planId) =>
        (await Plans.ListNodesAsync(new ListNodesRequest { PlanId = planId }, cancellationToken: ct)).Nodes.ToList();

    public Task<List<BudgetLine>> LinesAsync(string municipality, string itemId = "", int fiscalYear = 0) =>
        AllPagesAsync<BudgetLine>(async page =>
    {
        var response = await Budgets.ListBudgetLinesAsync(new ListBudgetLinesRequest
        {
            MunicipalityCode = municipality, ItemId = itemId, FiscalYear = fiscalYear, Page = page,
        }, cancellationToken: ct);
        return ((IEnumerable<BudgetLine>)response.Lines, response.Page);
    });

    /// <summary>The municipality's name as the plan service holds it (ListMunicipalities answers the caller's own, or all for an operator);
    /// null when it holds none.</summary>
    public async Task<string?> MunicipalityNameAsync(string code) =>
        (await Plans.ListMunicipalitiesAsync(new ListMunicipalitiesRequest(), cancellationToken: ct)).Municipalities.FirstOrDefault(
            m => m.Code == code)?.Name;

    public async Task<List<PriorityGoal>> GoalsAsync(string municipality) =>
        (await Plans.ListPriorityGoalsAsync(new ListPriorityGoalsRequest { MunicipalityCode = municipality },
            cancellationToken: ct)).Goals.ToList();

    public async Task<List<Subsidy.V1.Program>> ProgramsAsync(string municipality) =>
        (await Subsidies.ListProgramsAsync(new ListProgramsRequest { MunicipalityCode = municipality },
            cancellationToken: ct)).Programs.ToList();

    public Task<List<Application>> ApplicationsAsync(string municipality, string programId) => AllPagesAsync<Application>(async page =>
    {
        var response = await Subsidies.ListApplicationsAsync(
            new ListApplicationsRequest { MunicipalityCode = municipality, ProgramId = programId, Page = page }, cancellationToken: ct);
        return ((IEnumerable<Application>)response.Applications, response.Page);
    });
}
