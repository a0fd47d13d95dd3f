using Grpc.Core;
using Kyodo.Contracts;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.V1;
using Kyodo.Testing;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// Roll-ups by the plan's hierarchy: the plan-structure report and the node filter of the
/// department summary, item list, schedule table, results table and account trend. Each item
/// counts under the node of its primary placement, so what a node shows is worked out here from
/// the items written (not from the reports), and every node's figures are its children's summed.
/// </summary>
public sealed class PlanHierarchyRollUpTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private static readonly DateTimeOffset At = new(2020, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly (Guid Id, string Name) Kikaku = (Guid.NewGuid(), "企画課"), Kyodo = (Guid.NewGuid(), "協働推進課");

    /// <summary>An item as written: where it is placed (primary first), its FY2020 cost, its FY2020 stages, its FY2020 indicator (target,
    /// actual).</summary>
    private sealed record Written(string Title, (Guid Id, string Name) Lead, Guid[] Placed, long Cost2020, string[] Stages2020,
        (decimal Target, decimal Actual)? Indicator)
    {
        public ItemSnapshot Snapshot { get; } = new(Guid.NewGuid(), Guid.Empty, 1, Title, "Continuing",
            [new DepartmentInCharge(Lead.Id, Lead.Name)], ["行政"], [], "", "", "", "", "", "", null, null, "None", [], [], "", [], [], []);
    }

    private sealed record City(Guid Plan, Dictionary<string, Guid> Nodes, Dictionary<Guid, Guid?> Parents, List<Written> Items);

    /// <summary>
    /// 政策 1 (施策 1-1, 1-2) and 政策 2 (施策 2-1) of a FY2019–2021 plan. Under 1-1: A (企画課) and B
    /// (協働推進課, re-listed under 2-1); under 1-2: C; under 2-1: D; at 政策 2 itself: E; nowhere: F.
    /// </summary>
    private async Task<City> PublishAsync(string code)
    {
        var plan = Guid.NewGuid();
        var nodes = new Dictionary<string, Guid>
        {
            ["1"] = Guid.NewGuid(), ["1-1"] = Guid.NewGuid(), ["1-2"] = Guid.NewGuid(),
            ["2"] = Guid.NewGuid(), ["2-1"] = Guid.NewGuid()
        };
        var parents = new Dictionary<Guid, Guid?>
        {
            [nodes["1"]] = null, [nodes["1-1"]] = nodes["1"], [nodes["1-2"]] = nodes["1"], [nodes["2"]] = null, [nodes["2-1"]] = nodes["2"],
        };
        List<Written> items =
        [
            new("A 地域活動支援", Kikaku, [nodes["1-1"]], 1_000_000, ["実施"], (10, 10)),
            new("B 協働研修", Kyodo, [nodes["1-1"], nodes["2-1"]], 500_000, ["検討"], (10, 9)),
            new("C 情報発信", Kikaku, [nodes["1-2"]], 200_000, ["実施", "見直し"], null),
            new("D 拠点整備", Kikaku, [nodes["2-1"]], 700_000, [], (10, 5)),
            new("E 推進体制", Kyodo, [nodes["2"]], 50_000, ["実施"], null),
            new("F 配置なし", Kikaku, [], 10_000, ["検討"], (4, 5)),
        ];
        var events = new List<IIntegrationEvent>
        {
            new PlanCreated(Guid.NewGuid(), At, code, plan, "総合計画", 2019, 2021, 1),
            new DepartmentChanged(Guid.NewGuid(), At, code, Kikaku.Id, Kikaku.Name, 1, false),
            new DepartmentChanged(Guid.NewGuid(), At, code, Kyodo.Id, Kyodo.Name, 1, false),
        };
        var position = 0;
        foreach (var (label, id) in nodes)
            events.Add(new PlanNodeChanged(Guid.NewGuid(), At, code, plan, id, parents[id], label.Contains('-') ? "施策" : "政策", label,
                $"{label} の施策", ++position, 1, false));
        foreach (var written in items)
        {
            var item = written.Snapshot with
            {
                PlanId = plan,
                Placements = written.Placed.Select((n, i) => new PlacementSnapshot(n, "", i == 0, "")).ToList(),
                Schedule = written.Stages2020.Length == 0 ? []
                    : [new ScheduleCellSnapshot(1, "", 2020, written.Stages2020), new ScheduleCellSnapshot(1, "", 2021, ["→"])],
                Indicators = written.Indicator is { } x
                    ? [new IndicatorSnapshot(Guid.NewGuid(), "Outcome", "参加者数", "人", "HigherIsBetter", null, null,
                        [new YearValue(2020, x.Target)], [new YearValue(2020, x.Actual)])]
                    : [],
            };
            events.Add(new ItemCreated(Guid.NewGuid(), At.AddMinutes(1), code, item));
            events.Add(new BudgetLineCreated(Guid.NewGuid(), At.AddMinutes(2), code, new BudgetLineSnapshot(Guid.NewGuid(), item.ItemId,
                item.Title, written.Lead.Id,
                written.Lead.Name, 2020, "一般会計/2 総務費/1 総務管理費", "Initial", 0,
                new FundingAmounts(written.Cost2020, 0, 0, 0, written.Cost2020), 1)));
        }
        await fixture.PublishAndWaitAsync([.. events]);
        return new City(plan, nodes, parents, items);
    }

    /// <summary>The items counted under a node: their primary placement is the node or lies under it.</summary>
    private static List<Written> Under(City city, Guid node) =>
        city.Items.Where(i => i.Placed.Length > 0 && IsUnder(city, i.Placed[0], node)).ToList();

    private static bool IsUnder(City city, Guid placed, Guid node)
    {
        for (Guid? at = placed; at is { } id; at = city.Parents[id])
            if (id == node) return true;
        return false;
    }

    /// <summary>Items, 再掲, cost (FY2020), 実施 and 検討 counts, achieved / on track / behind, as the items written say for
    /// <paramref name="items"/>.</summary>
    private static string[] Expected(List<Written> items, int relisted) =>
    [
        $"{items.Count}", $"{relisted}", $"{items.Sum(i => i.Cost2020)}",
        $"{items.Count(i => i.Stages2020.Contains("検討"))}", $"{items.Count(i => i.Stages2020.Contains("実施"))}",
        $"{items.Count(i => i.Indicator is { } x && x.Actual >= x.Target)}",
        $"{items.Count(i => i.Indicator is { } x && x.Actual < x.Target && x.Actual >= 0.8m * x.Target)}",
        $"{items.Count(i => i.Indicator is { } x && x.Actual < 0.8m * x.Target)}",
    ];

    private static string[] Shown(Table table, string[] row)
    {
        var columns = table.Columns.Select(c => c.Name).ToList();
        return new[] { "事業数", "再掲数", "事業費", "検討（事業数）", "実施（事業数）", "指標:達成", "指標:順調", "指標:遅れ" }.Select(c => row[columns.IndexOf(c)])
            .ToArray();
    }

    [Fact]
    public async Task ThePlanStructureRollsEachNodeUpFromTheItemsUnderItAndItsTotalIsThePlan()
    {
        var city = await PublishAsync("20411");

        var report = await fixture.Client.GetPlanStructureAsync(
            new PlanStructureRequest { MunicipalityCode = "20411", PlanId = city.Plan.ToString(), FiscalYearFrom = 2020 });

        var byNode = report.Tables.Single(t => t.Name == "ノード別");
        // Document order, parents first; each node with everything under it (B's re-listing under 2-1 counted as 再掲 there, not as an item).
        Assert.Equal(["1", "1-1", "1-2", "2", "2-1", "合計"], byNode.Texts().Select(r => r[2] == "" ? r[1] : r[2]));
        foreach (var row in byNode.Texts()[..^1])
        {
            var node = city.Nodes[row[2]];
            var relisted = city.Items.Count(i => i.Placed.Skip(1).Any(p => IsUnder(city, p, node)));
            Assert.Equal(Expected(Under(city, node), relisted), Shown(byNode, row));
        }
        // The plan: every item once, F (placed nowhere) too.
        Assert.Equal(Expected(city.Items, 1), Shown(byNode, byNode.Texts()[^1]));
        // Levels: 2 政策 with E placed at one, 3 施策 with A, B, C, D and B's re-listing.
        Assert.Equal([["1", "政策", "2", "1", "1", "0"], ["2", "施策", "3", "4", "5", "1"], ["", "計", "5", "5", "6", "1"]],
            report.Tables.Single(t => t.Name == "階層別").Texts());
    }

    [Fact]
    public async Task ANodeFilterGivesThatNodesRollUpAsItsTotalAndTheSumOfItsChildrenAndOwnItems()
    {
        var city = await PublishAsync("20412");
        var policy2 = city.Nodes["2"];

        var report = await fixture.Client.GetPlanStructureAsync(new PlanStructureRequest
        { MunicipalityCode = "20412", PlanId = city.Plan.ToString(), NodeId = policy2.ToString(), FiscalYearFrom = 2020 });

        var byNode = report.Tables.Single(t => t.Name == "ノード別");
        Assert.Equal(["2", "2-1"], byNode.Texts()[..^1].Select(r => r[2]));
        // 政策 2 = 施策 2-1 (D, and B's re-listing) + E placed at 政策 2 itself.
        Assert.Equal(Expected([.. Under(city, city.Nodes["2-1"]), .. city.Items.Where(i => i.Placed.FirstOrDefault() == policy2)], 1),
            Shown(byNode, byNode.Texts()[^1]));
        Assert.Equal(byNode.Texts()[0][4..], byNode.Texts()[^1][4..]);
        Assert.Equal("総合計画 施策体系（FY2020、政策 2 2 の施策以下）", report.Title);
    }

    [Fact]
    public async Task TheDepartmentSummaryOfANodeCountsTheItemsUnderItWithTheirLinesAndItsDepartmentsAddUpToIt()
    {
        var city = await PublishAsync("20413");
        var policy1 = city.Nodes["1"];

        var report = await fixture.Client.GetDepartmentSummaryAsync(new DepartmentSummaryRequest
        { MunicipalityCode = "20413", FiscalYearFrom = 2020, NodeId = policy1.ToString() });

        var table = report.Tables.Single();
        var rows = table.Texts();
        string Cell(string[] row, string column) => row[table.Columns.Select(c => c.Name).ToList().IndexOf(column)];
        var under = Under(city, policy1); // A, B, C
        Assert.Equal(["企画課", "協働推進課", "合計"], rows.Select(r => r[0]));
        foreach (var row in rows[..^1])
        {
            var ofDepartment = under.Where(i => i.Lead.Name == row[0]).ToList();
            Assert.Equal(($"{ofDepartment.Count}", $"{ofDepartment.Sum(i => i.Cost2020)}"), (Cell(row, "事業数"), Cell(row, "事業費")));
        }
        Assert.Equal(($"{under.Count}", $"{under.Sum(i => i.Cost2020)}"), (Cell(rows[^1], "事業数"), Cell(rows[^1], "事業費")));
        Assert.StartsWith("部署別集計 FY2020–FY2020（政策 1 1 の施策以下）", report.Title);
    }

    [Fact]
    public async Task TheItemListOfANodeListsItsPlacementsReListingsIncludedAndTheScheduleItsItemsOnce()
    {
        var city = await PublishAsync("20414");
        var request =
            new PlanReportRequest { MunicipalityCode = "20414", PlanId = city.Plan.ToString(), NodeId = city.Nodes["2"].ToString() };

        var list = await fixture.Client.GetPlanItemListAsync(request);
        var schedule = await fixture.Client.GetScheduleTableAsync(request);

        Assert.Equal(["B 協働研修【再掲】", "D 拠点整備", "E 推進体制"], list.Tables.Single().Texts().Select(r => r[1]).Order(StringComparer.Ordinal));
        Assert.Equal(["D 拠点整備", "E 推進体制"], schedule.Tables.Single().Texts().Select(r => r[1]).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnAccountTrendAndAResultsTableOfANodeTakeOnlyItsItems()
    {
        var city = await PublishAsync("20415");
        var measure11 = city.Nodes["1-1"];

        var trend = await fixture.Client.GetTrendAsync(new TrendRequest
        { MunicipalityCode = "20415", AccountPath = "一般会計/2 総務費", NodeId = measure11.ToString(), PlanId = city.Plan.ToString() });
        var results = await fixture.Client.GetResultsTableAsync(
            new ResultsTableRequest { MunicipalityCode = "20415", NodeId = measure11.ToString() });

        Assert.Equal([["FY2020 (令和2年度)", "2", $"{Under(city, measure11).Sum(i => i.Cost2020)}"]],
            trend.Tables[0].Texts().Select(r => r[..3]));
        Assert.Equal(["A 地域活動支援", "B 協働研修"], results.Tables.Single(t => t.Name == "指標").Texts().Select(r => r[2]));
    }

    [Fact]
    public async Task ANodeOfAnotherPlanOrMunicipalityIsNotFoundAndAFilterATrendCannotApplyIsRefused()
    {
        var city = await PublishAsync("20416");
        var elsewhere = await PublishAsync("20417");

        await AccessAssert.LikeMissing("GetPlanStructure", elsewhere.Nodes["1"].ToString(),
            id => fixture.Client.GetPlanStructureAsync(new PlanStructureRequest
            { MunicipalityCode = "20416", PlanId = city.Plan.ToString(), NodeId = id }).ResponseAsync);
        await AccessAssert.LikeMissing("GetDepartmentSummary", elsewhere.Nodes["1"].ToString(),
            id => fixture.Client.GetDepartmentSummaryAsync(new DepartmentSummaryRequest
            { MunicipalityCode = "20416", FiscalYearFrom = 2020, NodeId = id }).ResponseAsync);
        var otherPlan = await RpcAssert.FailsWith(StatusCode.NotFound, () => fixture.Client.GetPlanItemListAsync(new PlanReportRequest
        { MunicipalityCode = "20417", PlanId = elsewhere.Plan.ToString(), NodeId = city.Nodes["1"].ToString() }).ResponseAsync);
        Assert.Contains("node", otherPlan.Status.Detail);
        var refused = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.GetTrendAsync(new TrendRequest
        {
            MunicipalityCode = "20416", ItemId = city.Items[0].Snapshot.ItemId.ToString(),
            NodeId = city.Nodes["1"].ToString()
        }).ResponseAsync);
        Assert.Equal(["node_id"], RpcAssert.FieldViolations(refused).Keys);
    }
}
