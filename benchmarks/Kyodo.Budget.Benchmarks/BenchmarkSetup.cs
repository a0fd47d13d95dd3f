using Grpc.Core;
using Grpc.Net.Client;
using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;

namespace Kyodo.Budget.Benchmarks;

/// <summary>
/// Through the gateway: a fresh plan of the benchmark municipality with one node, one item
/// per line, and each item's FY2026 budget line holding so much money that reserving 1 yen
/// per call never exhausts it. Returns the line ids, in item order.
/// </summary>
public static class BenchmarkSetup
{
    public const string MunicipalityCode = "99001";
    public const string MunicipalityName = "ベンチマーク市";
    public const int FiscalYear = 2026;
    public const long LineYen = 9_000_000_000_000;

    public static async Task<IReadOnlyList<string>> CreateLinesAsync(GrpcChannel gateway, int count, CancellationToken ct)
    {
        var plans = new PlanService.PlanServiceClient(gateway);
        var budget = new BudgetService.BudgetServiceClient(gateway);
        var plan = (await plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = MunicipalityCode, Name = MunicipalityName },
            Name = $"ベンチマーク計画 {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} {Guid.NewGuid():N}",
            StartFiscalYear = FiscalYear.ToString(),
            EndFiscalYear = FiscalYear.ToString(),
        }, Call(ct))).Plan;
        var node = (await plans.CreateNodeAsync(new CreateNodeRequest
        {
            PlanId = plan.Id, LevelName = "施策", Code = "1", Title = "ベンチマーク施策",
        }, Call(ct))).Node;

        // The first item alone: it adds the department to the municipality, which concurrent
        // first uses of one new name would race for.
        var lineIds = new string[count];
        await CreateItemAndLineAsync(0, ct);
        await Parallel.ForEachAsync(Enumerable.Range(1, count - 1), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, token) => await CreateItemAndLineAsync(i, token));
        return lineIds;

        async Task CreateItemAndLineAsync(int i, CancellationToken token)
        {
            var item = (await plans.CreateItemAsync(new CreateItemRequest
            {
                PlanId = plan.Id,
                Fields = new ItemFields { Title = $"ベンチマーク事業 {i + 1}", Novelty = ItemNovelty.Continuing, Departments = { "企画課" } },
                Placements = { new PlacementInput { NodeId = node.Id, Code = $"{i + 1}", Primary = true } },
            }, Call(token))).Item;
            var line = (await budget.CreateBudgetLineAsync(new CreateBudgetLineRequest
            {
                MunicipalityCode = MunicipalityCode,
                ItemId = item.Id,
                FiscalYear = FiscalYear,
                Funding = new FundingBreakdown { CostYen = LineYen, GeneralRevenueYen = LineYen },
            }, Call(token))).Line;
            lineIds[i] = line.Id;
        }
    }

    private static CallOptions Call(CancellationToken ct) => new(deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: ct);
}
