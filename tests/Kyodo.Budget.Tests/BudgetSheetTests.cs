using Google.Rpc;
using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Tests;

public sealed class BudgetSheetTests(BudgetSystemFixture system) : IClassFixture<BudgetSystemFixture>
{
    // 小諸市 事務事業 sheet (seed 000), 市民活動支援事業, 平成31–33年度, as printed:
    //   年度別事業費 7,320千円 7,300千円 7,300千円; 国・県支出金 0; 地方債 0;
    //   その他 347千円 317千円 0千円; 一般財源 6,973千円 6,983千円 7,300千円.
    private static UpsertItemSheetRequest CivicActivitySupportSheet(string itemId) => new()
    {
        MunicipalityCode = KomoroItems.Komoro,
        ItemId = itemId,
        Account = KomoroItems.PlanningAccount(),
        Years =
        {
            new SheetYear { FiscalYear = 2019, Cost = "7,320千円", NationalPrefectural = "0千円", LocalBond = "0千円", Other = "347千円",
                GeneralRevenue = "6,973千円" },
            new SheetYear { FiscalYear = 2020, Cost = "7,300千円", NationalPrefectural = "0千円", LocalBond = "0千円", Other = "317千円",
                GeneralRevenue = "6,983千円" },
            new SheetYear { FiscalYear = 2021, Cost = "7,300 千円", NationalPrefectural = "０千円", LocalBond = "0千円", Other = "0千円",
                GeneralRevenue = "7,300千円" },
        },
    };

    [Fact]
    public async Task TheSeedSheetIsAcceptedStoredInYenPublishedAndASecondWriteChangesNothing()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "市民活動支援事業");

        var first = await system.Budgets.UpsertItemSheetAsync(CivicActivitySupportSheet(item.Id));
        var second = await system.Budgets.UpsertItemSheetAsync(CivicActivitySupportSheet(item.Id));

        Assert.Equal((3, 0, 0), (first.Created, first.Revised, first.Unchanged));
        Assert.Equal((0, 0, 3), (second.Created, second.Revised, second.Unchanged));
        await using var db = system.OpenDatabase();
        var stored =
            await db.BudgetLines.AsNoTracking().Where(l => l.ItemId == Guid.Parse(item.Id)).OrderBy(l => l.FiscalYear).ToListAsync();
        Assert.Equal(
            [(2019, 7_320_000L, 347_000L, 6_973_000L), (2020, 7_300_000L, 317_000L, 6_983_000L), (2021, 7_300_000L, 0L, 7_300_000L)],
            stored.Select(l => (l.FiscalYear, l.Funding.CostYen, l.Funding.OtherYen, l.Funding.GeneralRevenueYen)));
        Assert.All(stored,
            l => Assert.Equal(("市民活動支援事業", "企画課", "一般会計/2 総務費/1 総務管理費/4 企画費"), (l.ItemTitle, l.DepartmentName, l.Account.Path)));
        var (created, _) =
            await system.Events.WaitForAsync<BudgetLineCreated>(e => e.Line.ItemId == Guid.Parse(item.Id) && e.Line.FiscalYear == 2019);
        Assert.Equal(new FundingAmounts(7_320_000, 0, 0, 347_000, 6_973_000), created.Line.Funding);
        var created3 = await db.Set<OutboxMessage>().Where(m => m.MessageType == typeof(BudgetLineCreated).FullName).ToListAsync();
        Assert.Equal(3, created3.Count(m => m.Payload.Contains(item.Id))); // the unchanged second write published nothing
    }

    [Fact]
    public async Task ASheetWithABrokenSumANegativeAndAFractionIsRejectedNamingEachAndNothingIsStored()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "表彰事業");
        var sheet = CivicActivitySupportSheet(item.Id);
        sheet.Years[0].GeneralRevenue = "6,972千円";   // 7,320 ≠ 0 + 0 + 347 + 6,972
        sheet.Years[1].Other = "▲317千円";
        sheet.Years[2].Other = "0.5円";

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => system.Budgets.UpsertItemSheetAsync(sheet).ResponseAsync);

        var violations = RpcAssert.FieldViolations(ex);
        Assert.Contains("difference 1,000 yen", violations["years[0].cost_yen"]);
        Assert.Contains("negative", violations["years[1].other"]);
        Assert.Contains("fraction", violations["years[2].other"]);
        await using var db = system.OpenDatabase();
        Assert.False(await db.BudgetLines.AnyAsync(l => l.ItemId == Guid.Parse(item.Id)));
    }

    [Fact]
    public async Task ALineMovesFromInitialThroughSupplementaryToSettledKeepingEachStagesDifferences()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "市民協働推進事業");
        var line = (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = KomoroItems.Komoro, ItemId = item.Id, FiscalYear = 2019, Account = KomoroItems.PlanningAccount(),
            Funding = new FundingBreakdown { CostYen = 33_916_000, OtherYen = 1_000, GeneralRevenueYen = 33_915_000 },
        })).Line;

        line = (await system.Budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = line.Id, Version = line.Version, Stage = BudgetStage.Supplementary, SupplementaryNumber = 1,
            Funding = new FundingBreakdown
            {
                CostYen = 34_416_000, NationalPrefecturalYen = 500_000, OtherYen = 1_000,
                GeneralRevenueYen = 33_915_000
            },
        })).Line;
        line = (await system.Budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = line.Id, Version = line.Version, Stage = BudgetStage.Settled,
            Funding = new FundingBreakdown
            {
                CostYen = 33_000_000, NationalPrefecturalYen = 500_000, OtherYen = 1_000,
                GeneralRevenueYen = 32_499_000
            },
        })).Line;

        var history = (await system.Budgets.GetBudgetLineHistoryAsync(new GetBudgetLineHistoryRequest { Id = line.Id })).Revisions;
        Assert.Equal([BudgetStage.Initial, BudgetStage.Supplementary, BudgetStage.Settled], history.Select(r => r.Stage));
        Assert.Equal((500_000L, 500_000L), (history[1].Difference.CostYen, history[1].Difference.NationalPrefecturalYen));
        Assert.Equal((-1_416_000L, -1_416_000L, 0L),
            (history[2].Difference.CostYen, history[2].Difference.GeneralRevenueYen, history[2].Difference.NationalPrefecturalYen));
        await system.Events.WaitForAsync<BudgetLineSettled>(
            e => e.Line.BudgetLineId == Guid.Parse(line.Id) && e.Line.Funding.CostYen == 33_000_000);

        var settled =
            await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => system.Budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
            {
                Id = line.Id, Version = line.Version, Stage = BudgetStage.Settled,
                Funding = new FundingBreakdown { CostYen = 1, GeneralRevenueYen = 1 },
            }).ResponseAsync);
        Assert.Equal("LINE_SETTLED", settled.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task AStaleRevisionIsAbortedAndAStageCannotGoBackwards()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "各種団体連携事業");
        var line = (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = KomoroItems.Komoro, ItemId = item.Id, FiscalYear = 2019, Stage = BudgetStage.Supplementary,
            SupplementaryNumber = 2,
            Funding = new FundingBreakdown { CostYen = 31_834_000, GeneralRevenueYen = 31_834_000 },
        })).Line;
        var revise = new ReviseBudgetLineRequest
        {
            Id = line.Id, Version = line.Version, Stage = BudgetStage.Supplementary, SupplementaryNumber = 1,
            Funding = new FundingBreakdown { CostYen = 30_664_000, GeneralRevenueYen = 30_664_000 },
        };

        var backwards =
            await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => system.Budgets.ReviseBudgetLineAsync(revise).ResponseAsync);
        Assert.Equal("補正2", backwards.GetRpcStatus()!.GetDetail<ErrorInfo>().Metadata["current_stage"]);
        revise.SupplementaryNumber = 3;
        await system.Budgets.ReviseBudgetLineAsync(revise);
        await RpcAssert.FailsWith(StatusCode.Aborted, () => system.Budgets.ReviseBudgetLineAsync(revise).ResponseAsync);
    }

    [Fact]
    public async Task TotalsBySourceAddUpPerDepartmentAccountAndYear()
    {
        var kikaku = await KomoroItems.CreateAsync(system.Plans, "NPO・ボランティア交流", department: "企画課", municipality: "20299");
        var other = await KomoroItems.CreateAsync(system.Plans, "表彰事業", department: "総務課", municipality: "20299");
        foreach (var (item, year, cost, other1) in new[] { (kikaku, 2019, 7_320_000L, 347_000L), (kikaku, 2020, 7_300_000L, 317_000L),
            (other, 2019, 574_000L, 0L) })
        {
            await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
            {
                MunicipalityCode = "20299", ItemId = item.Id, FiscalYear = year, Account = KomoroItems.PlanningAccount(),
                Funding = new FundingBreakdown { CostYen = cost, OtherYen = other1, GeneralRevenueYen = cost - other1 },
            });
        }

        var byDepartment = await system.Budgets.GetBudgetTotalsAsync(
            new GetBudgetTotalsRequest { MunicipalityCode = "20299", GroupBy = GetBudgetTotalsRequest.Types.GroupBy.Department });
        var byYear = await system.Budgets.GetBudgetTotalsAsync(
            new GetBudgetTotalsRequest { MunicipalityCode = "20299", GroupBy = GetBudgetTotalsRequest.Types.GroupBy.FiscalYear });
        var fy2019 = await system.Budgets.GetBudgetTotalsAsync(new GetBudgetTotalsRequest
        {
            MunicipalityCode = "20299",
            GroupBy = GetBudgetTotalsRequest.Types.GroupBy.Account, FiscalYear = 2019
        });

        Assert.Equal([("企画課", 14_620_000L, 664_000L, 2), ("総務課", 574_000L, 0L, 1)],
            byDepartment.Totals.Select(t => (t.Key, t.Funding.CostYen, t.Funding.OtherYen, t.LineCount)));
        Assert.Equal([("2019", 7_894_000L), ("2020", 7_300_000L)], byYear.Totals.Select(t => (t.Key, t.Funding.CostYen)));
        Assert.Equal(("一般会計/2 総務費/1 総務管理費/4 企画費", 7_894_000L), (fy2019.Totals.Single().Key, fy2019.Totals.Single().Funding.CostYen));
        Assert.Equal(15_194_000L, byDepartment.GrandTotal.CostYen);
    }

    [Fact]
    public async Task LinesAreListedByDepartmentYearStageAndAccountPageByPageWithinOneMunicipality()
    {
        var kikaku = await KomoroItems.CreateAsync(system.Plans, "市民活動支援事業", department: "企画課", municipality: "20298");
        var somu = await KomoroItems.CreateAsync(system.Plans, "表彰事業", department: "総務課", municipality: "20298");
        var sheet = CivicActivitySupportSheet(kikaku.Id);
        sheet.MunicipalityCode = "20298";
        await system.Budgets.UpsertItemSheetAsync(sheet);
        await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = "20298", ItemId = somu.Id, FiscalYear = 2019, Stage = BudgetStage.Supplementary, SupplementaryNumber = 1,
            Account = new AccountClassification
            {
                Account = new AccountLevel { Name = "一般会計" },
                Section = new AccountLevel { Number = "2", Name = "総務費" }
            },
            Funding = new FundingBreakdown { CostYen = 574_000, GeneralRevenueYen = 574_000 },
        });

        async Task<List<BudgetLine>> All(ListBudgetLinesRequest request)
        {
            var lines = new List<BudgetLine>();
            request.Page = new Common.V1.PageRequest { PageSize = 2 };
            do
            {
                var page = await system.Budgets.ListBudgetLinesAsync(request);
                lines.AddRange(page.Lines);
                request.Page.PageToken = page.Page.NextPageToken;
            } while (request.Page.PageToken.Length > 0);
            return lines;
        }

        var all = await All(new ListBudgetLinesRequest { MunicipalityCode = "20298" });
        var ofKikaku = await All(new ListBudgetLinesRequest { MunicipalityCode = "20298", DepartmentId = kikaku.Departments[0].Id });
        var fy2019Supplementary =
            await All(new ListBudgetLinesRequest { MunicipalityCode = "20298", FiscalYear = 2019, Stage = BudgetStage.Supplementary });
        var planningAccount = await All(new ListBudgetLinesRequest
        {
            MunicipalityCode = "20298",
            Account = new AccountClassification { Subitem = new AccountLevel { Name = "企画費" } }
        });

        Assert.Equal(4, all.Select(l => l.Id).Distinct().Count());
        Assert.Equal([2019, 2020, 2021], ofKikaku.Select(l => l.FiscalYear).Order());
        Assert.Equal("表彰事業", fy2019Supplementary.Single().ItemTitle);
        Assert.Equal(3, planningAccount.Count);
        Assert.Empty(await All(new ListBudgetLinesRequest { MunicipalityCode = "20297" }));
    }
}
