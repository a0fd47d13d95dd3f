using Grpc.Core;
using Grpc.Net.Client;
using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;

namespace Kyodo.Calls.Benchmarks;

/// <summary>Where calls go: straight to each service, or all through the gateway.</summary>
public sealed record CallTarget(string Name, PlanService.PlanServiceClient Plan, BudgetService.BudgetServiceClient Budget,
    SubsidyService.SubsidyServiceClient Subsidy)
{
    public static CallTarget Direct(GrpcChannel plan, GrpcChannel budget, GrpcChannel subsidy) =>
        new("direct", new(plan), new(budget), new(subsidy));
    public static CallTarget Gateway(GrpcChannel gateway) => new("gateway", new(gateway), new(gateway), new(gateway));
}

/// <summary>
/// One measured call: how many callers, which baselines it is compared with (pgbench of the equivalent SQL
/// and, where there is one, of the call's own statements), and the call itself (caller, that caller's call
/// number, token). Count-based scenarios (Award uses up prepared applications) make a fixed number of
/// calls instead of running for the window.
/// </summary>
public sealed record CallScenario(string Key, string Title, int Callers, string PgBaseline, bool CountBased,
    Func<CallTarget, int, int, CancellationToken, Task> Call, string? OwnSqlBaseline = null);

public static class CallScenarios
{
    public const int ReadCallers = 16, ReserveCallers = 32, WriteCallers = 16;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60); // long: a loaded machine's p99 has reached 15 s

    public static readonly IReadOnlyList<string> Keys =
        ["get-plan", "list-items", "reserve-1", "reserve-100", "upsert-sheet", "create-item", "award"];

    /// <summary>Tokens of distinct system subjects, one per caller, as many real callers would send (the gateway limits per
    /// subject).</summary>
    public static Metadata[] CallerHeaders(int count) => Enumerable.Range(0, count)
        .Select(i => new Metadata { { "authorization", "Bearer " + TestAuth.SystemTokenAs($"calls-benchmark-{i}") } })
        .ToArray();

    /// <summary>In run order: reads first (the plan holds only the setup's items then), writes after.</summary>
    public static IReadOnlyList<CallScenario> All(CallsData data, Metadata[] headers)
    {
        CallOptions Options(int caller, CancellationToken ct) => new(headers[caller], DateTime.UtcNow + Deadline, ct);
        var getPlan = new GetPlanRequest { Id = data.PlanId };
        var listItems = new ListItemsRequest
        {
            MunicipalityCode = CallsData.MunicipalityCode, PlanId = data.PlanId,
            Page = new PageRequest { PageSize = 20 }
        };
        var created = 0;
        return
        [
            new("get-plan", "GetPlan (one plan)", ReadCallers, "select-plan", false,
                async (t, caller, _, ct) => await t.Plan.GetPlanAsync(getPlan, Options(caller, ct))),
            new("list-items", "ListItems (first page of 20)", ReadCallers, "list-items", false,
                async (t, caller, _, ct) => await t.Plan.ListItemsAsync(listItems, Options(caller, ct))),
            new("reserve-1", "Reserve 1 yen, 1 line", ReserveCallers, "guarded-update-1", false,
                async (t, caller, _, ct) => await t.Budget.ReserveAsync(Reserve(data.LineIds[0]), Options(caller, ct)), "reserve-sql-1"),
            new("reserve-100", "Reserve 1 yen, 100 lines", ReserveCallers, "guarded-update-100", false,
                async (t, caller, _, ct) =>
                    await t.Budget.ReserveAsync(Reserve(data.LineIds[caller % CallsData.Lines]), Options(caller, ct)), "reserve-sql-100"),
            new("upsert-sheet", "UpsertItemSheet (1 year, changed)", WriteCallers, "insert-row", false,
                async (t, caller, n, ct) => await t.Budget.UpsertItemSheetAsync(Sheet(data.ItemIds[caller], n), Options(caller, ct))),
            new("create-item", "CreateItem", WriteCallers, "insert-row", false,
                async (t, caller, _, ct) => await t.Plan.CreateItemAsync(
                    CallsData.NewItem(data, "計測新規事業", $"n{Interlocked.Increment(ref created)}"), Options(caller, ct))),
            new("award", "Award (reserves in budget)", WriteCallers, "insert-row", true,
                async (t, caller, _, ct) => await t.Subsidy.AwardAsync(
                    new AwardRequest { ApplicationId = data.TakeApplication(), AmountYen = CallsData.AwardYen, Comment = "交付決定" },
                    Options(caller, ct))),
        ];
    }

    private static ReserveRequest Reserve(string lineId) => new()
    {
        IdempotencyKey = Guid.NewGuid().ToString("N"), BudgetLineId = lineId, AmountYen = 1, Purpose = "benchmark",
    };

    /// <summary>FY2027 of the caller's own item, its cost moving between two values so every call changes the line.</summary>
    private static UpsertItemSheetRequest Sheet(string itemId, int n)
    {
        var cost = 1_000_000L + (n % 2) * 1_000L;
        var request = new UpsertItemSheetRequest { MunicipalityCode = CallsData.MunicipalityCode, ItemId = itemId };
        request.Years.Add(new SheetYear
        {
            FiscalYear = CallsData.FiscalYear + 1, Cost = cost.ToString(), NationalPrefectural = "0", LocalBond = "0", Other = "0",
            GeneralRevenue = cost.ToString(),
        });
        return request;
    }
}
