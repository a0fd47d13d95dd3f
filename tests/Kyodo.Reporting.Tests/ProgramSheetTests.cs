using System.Text;
using Grpc.Core;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.V1;
using Kyodo.Testing;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// The 事務事業 sheet of seed 000 (Komoro, 政策 6 / 施策 6-1): 市民協働推進事業 as the document
/// prints it, its events published newer-first and twice.
/// </summary>
public sealed class ProgramSheetTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private const string Komoro = "20208", Ueda = "20203";
    private const string Account = "一般会計/2 総務費/1 総務管理費/4 企画費";
    private static readonly DateTimeOffset At = new(2019, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));
    private const string Purpose = "区が自主的かつ主体的に自治会活動を行うため、区・区長・区長会に対し財政面をはじめとする活動支援を行う。";
    private const string Goal2019 = "・地域職員連絡会（地区担当制度）による区への支援体制を充実させる。";
    private const string Note = "活動指標修正：理由 従来2月、5月に開催していた新任区長研修会を、5月に統一して開催するため。";

    private sealed record Published(Guid ItemId, Guid PlanId);

    private async Task<Published> PublishKyouDouSuishinAsync()
    {
        var (planId, policy, measure, kikaku) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var rate = new IndicatorSnapshot(Guid.NewGuid(), "Activity", "集会施設等補助金の要望に対する交付率", "%", "HigherIsBetter", null, null,
            [new(2019, 100m), new(2020, 100m), new(2021, 100m)], []);
        var training = new IndicatorSnapshot(Guid.NewGuid(), "Activity", "区長研修会の開催回数", "回", "HigherIsBetter", null, null,
            [new(2019, 3m), new(2020, 3m), new(2021, 3m)], []);
        var item = new ItemSnapshot(Guid.NewGuid(), planId, 2, "市民協働推進事業", "Continuing", [new DepartmentInCharge(kikaku, "企画課")], [], [],
            "", Purpose, "", "区・区長・区長会に対する活動支援の実施", "", "", 1, 3, "Partly", [], [new YearText(2019, Goal2019)], Note,
            [new PlacementSnapshot(measure, "6-1", true, "6-1")], [], [rate, training]);
        // 000 prints targets only; this actual (3 meetings in FY2019) is the test's own.
        var withActual = item with { Revision = 3, Indicators = [rate, training with { Actuals = [new(2019, 3m)] }] };
        var stale = item with { Revision = 1, Title = "旧 事業名", Indicators = [], SpecialNotes = "" };

        var lineId = Guid.NewGuid();
        BudgetLineSnapshot Line(Guid id, int year, long cost, long other, int revision) =>
            new(id, item.ItemId, item.Title, kikaku, "企画課", year, Account, "Initial", 0,
                new FundingAmounts(cost, 0, 0, other, cost - other), revision);

        var updated = new ItemUpdated(Guid.NewGuid(), At.AddMinutes(2), Komoro, item);
        var actual = new IndicatorActualRecorded(Guid.NewGuid(), At.AddMinutes(5), Komoro, item.ItemId, training.IndicatorId, 3, 2019, 3m,
            3m, "回", "HigherIsBetter", "企画課", withActual);
        var revised = new BudgetLineRevised(Guid.NewGuid(), At.AddMinutes(3), Komoro, Line(lineId, 2019, 33_916_000, 1_000, 2));
        await fixture.PublishAndWaitAsync(
            actual, updated, actual, revised,
            new ItemCreated(Guid.NewGuid(), At.AddMinutes(1), Komoro, stale),                                   // the creation, last
            new BudgetLineCreated(Guid.NewGuid(), At, Komoro, Line(lineId, 2019, 30_000_000, 0, 1)),          // older than its revision
            revised,
            new BudgetLineCreated(Guid.NewGuid(), At, Komoro, Line(Guid.NewGuid(), 2020, 35_500_000, 0, 1)),
            new BudgetLineCreated(Guid.NewGuid(), At, Komoro, Line(Guid.NewGuid(), 2021, 35_500_000, 0, 1)),
            new PlanNodeChanged(Guid.NewGuid(), At, Komoro, planId, measure, policy, "施策", "6-1", "協働によるまちづくりを推進します", 1, 1, false),
            new PlanNodeChanged(Guid.NewGuid(), At, Komoro, planId, policy, null, "政策", "6", "全ての主体が参加し、協働するまちづくり", 6, 1, false),
            new PlanCreated(Guid.NewGuid(), At, Komoro, planId, "小諸市 実施計画", 2019, 2021, 1),
            new DepartmentChanged(Guid.NewGuid(), At, Komoro, kikaku, "企画課", 1, false),
            // Another city's line naming the same item must never reach Komoro's sheet.
            new BudgetLineCreated(Guid.NewGuid(), At.AddMinutes(9), Ueda, Line(Guid.NewGuid(), 2019, 999_000, 0, 1)));
        return new Published(item.ItemId, planId);
    }

    [Fact]
    public async Task TheSheetPrintsTheItemsParticularsCostBySourceAndIndicatorsForItsPlanPeriod()
    {
        var (itemId, _) = await PublishKyouDouSuishinAsync();

        var report =
            await fixture.Client.GetProgramSheetAsync(new ProgramSheetRequest { MunicipalityCode = Komoro, ItemId = itemId.ToString() });

        Assert.Equal(["事務事業", "投入指標", "指標"], report.Tables.Select(t => t.Name));
        Assert.Equal(
        [
            ["政策", "6 全ての主体が参加し、協働するまちづくり"], ["施策", "6-1 協働によるまちづくりを推進します"], ["整理番号", "6-1"],
            ["事務事業名", "市民協働推進事業"], ["新規・継続", "継続"], ["会計・款・項・目", Account], ["所管課", "企画課"],
            ["事業概要", "区・区長・区長会に対する活動支援の実施"], ["施策内順位", "1/3"], ["市長公約事項", "一部"], ["目的", Purpose],
            ["FY2019 (令和元年度)の目標", Goal2019], ["特記事項", Note],
        ], report.Tables[0].Texts());

        var cost = report.Tables[1];
        Assert.Equal(["区分", "FY2019 (令和元年度)", "FY2020 (令和2年度)", "FY2021 (令和3年度)"], cost.Columns.Select(c => c.Name));
        Assert.All(cost.Columns.Skip(1), c => Assert.Equal(ColumnKind.ThousandYen, c.Kind));
        // 000: 33,916 / 35,500 / 35,500 千円; その他 1 千円 in H31; 一般財源 33,915 / 35,500 / 35,500 千円.
        Assert.Equal(
        [
            ["年度別事業費", "33916000", "35500000", "35500000"], ["国・県支出金", "0", "0", "0"], ["地方債", "0", "0", "0"],
            ["その他", "1000", "0", "0"], ["一般財源", "33915000", "35500000", "35500000"],
        ], cost.Texts());

        Assert.Equal(
        [
            ["活動指標", "集会施設等補助金の要望に対する交付率", "%", "", "", "100", "", "100", "", "100", ""],
            ["活動指標", "区長研修会の開催回数", "回", "", "", "3", "3", "3", "", "3", ""],
        ], report.Tables[2].Texts());
        Assert.Equal("FY2019 (令和元年度) 目標", report.Tables[2].Columns[5].Name);
        // the actual, newest of Komoro's events; Ueda's later line is not included
        Assert.Equal(At.AddMinutes(5), report.AsOf.ToDateTimeOffset());
    }

    [Fact]
    public async Task ARangeNarrowsTheYearsAndAnotherMunicipalityOrABadRequestGetsNothing()
    {
        var (itemId, _) = await PublishKyouDouSuishinAsync();

        var report = await fixture.Client.GetProgramSheetAsync(
            new ProgramSheetRequest { MunicipalityCode = Komoro, ItemId = itemId.ToString(), FiscalYearFrom = 2020 });
        Assert.Equal(["区分", "FY2020 (令和2年度)"], report.Tables[1].Columns.Select(c => c.Name));
        Assert.Equal(["年度別事業費", "35500000"], report.Tables[1].Texts()[0]);

        await RpcAssert.FailsWith(StatusCode.NotFound, () => fixture.Client.GetProgramSheetAsync(
            new ProgramSheetRequest { MunicipalityCode = Ueda, ItemId = itemId.ToString() }).ResponseAsync);
        var bad = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.GetProgramSheetAsync(
            new ProgramSheetRequest
            {
                MunicipalityCode = Komoro, ItemId = "事業", FiscalYearFrom = 2021,
                FiscalYearTo = 2019
            }).ResponseAsync);
        Assert.Equal(["fiscal_year_to", "item_id"], RpcAssert.FieldViolations(bad).Keys.Order());
    }

    [Fact]
    public async Task TheWorkbookHasOneSheetPerTableWithCostIn千円FormatAndTheCsvHasABom()
    {
        var (itemId, _) = await PublishKyouDouSuishinAsync();
        var request = new ProgramSheetRequest { MunicipalityCode = Komoro, ItemId = itemId.ToString() };

        var xlsx = await fixture.DownloadAsync(new ExportReportRequest { Format = ExportFormat.Xlsx, ProgramSheet = request });
        var csv = await fixture.DownloadAsync(new ExportReportRequest { Format = ExportFormat.Csv, ProgramSheet = request });

        Assert.Equal($"program-sheet-{Komoro}.xlsx", xlsx.Name);
        using var workbook = new Workbook(xlsx.Data);
        Assert.Equal(["事務事業", "投入指標", "指標", "報告情報"], workbook.SheetNames);
        var cost = workbook.Sheet("投入指標");
        Assert.Equal("FY2019 (令和元年度)（千円・四捨五入）", cost[0][1].Value);
        Assert.Equal([("33916000", "#,##0,"), ("35500000", "#,##0,"), ("35500000", "#,##0,")], cost[1].Skip(1));
        Assert.Equal(("1000", "#,##0,"), cost[4][1]); // その他 row: 1 千円 as 000 prints it
        Assert.Equal(("3", ""), workbook.Sheet("指標")[2][6]); // the actual, a plain number

        Assert.Equal([0xEF, 0xBB, 0xBF], csv.Data[..3]);
        var text = Encoding.UTF8.GetString(csv.Data[3..]);
        Assert.Contains("年度別事業費,33916,35500,35500", text);
        Assert.Contains("その他,1,0,0", text);
        Assert.Contains("一般財源,33915,35500,35500", text);
    }
}
