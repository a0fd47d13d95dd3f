using Kyodo.Contracts;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Contracts.Subsidy;
using Kyodo.Reporting.V1;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// Exported workbooks read back with ExcelDataReader, a reader independent of the OpenXml SDK that
/// writes them: sheet names, header rows, the figures of seeds 000 and 001 as numbers with their
/// yen and 千円 formats, and the 報告情報 sheet and core properties that say what the file is.
/// </summary>
public sealed class WorkbookReadBackTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private const string Komoro = "20208";
    private static readonly DateTimeOffset At = new(2019, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));
    private const string ThousandYen = "#,##0,", Yen = "#,##0\"円\"";

    [Fact]
    public async Task AProgramSheetWorkbookHoldsSeed000sCostInYenShownIn千円AndSaysWhatItIsAndHowFreshOnItsLastSheet()
    {
        // 000 市民協働推進事業 (企画課): 33,916 千円 in 平成31年度 (その他 1), 35,500 in each of the next two years.
        var (planId, itemId, kikaku) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var item = new ItemSnapshot(itemId, planId, 1, "市民協働推進事業", "Continuing", [new DepartmentInCharge(kikaku, "企画課")], [], [], "", "",
            "", "", "", "", null, null, "None", [], [], "", [], [], []);
        BudgetLineCreated Line(int year, long cost, long other, int minutes) => new(Guid.NewGuid(), At.AddMinutes(minutes), Komoro,
            new BudgetLineSnapshot(Guid.NewGuid(), itemId, item.Title, kikaku, "企画課", year, "一般会計/2 総務費/1 総務管理費/4 企画費", "Initial", 0,
                new FundingAmounts(cost, 0, 0, other, cost - other), 1));
        IIntegrationEvent[] events =
        [
            Line(2021, 35_500_000, 0, 3), new ItemCreated(Guid.NewGuid(), At, Komoro, item), Line(2019, 33_916_000, 1_000, 1),
            new PlanCreated(Guid.NewGuid(), At, Komoro, planId, "小諸市 実施計画", 2019, 2021, 1), Line(2020, 35_500_000, 0, 2),
        ];
        await fixture.PublishAndWaitAsync([.. events, .. events.Reverse()]);
        var request =
            new ProgramSheetRequest { MunicipalityCode = Komoro, ItemId = itemId.ToString(), FiscalYearFrom = 2019, FiscalYearTo = 2021 };

        var xlsx = await fixture.DownloadAsync(new ExportReportRequest { Format = ExportFormat.Xlsx, ProgramSheet = request });

        var sheets = SpreadsheetReadBack.Read(xlsx.Data);
        Assert.Equal(["事務事業", "投入指標", "指標", "報告情報"], sheets.Select(s => s.Name));
        var cost = sheets[1];
        Assert.Equal(["区分", "FY2019 (令和元年度)（千円・四捨五入）", "FY2020 (令和2年度)（千円・四捨五入）", "FY2021 (令和3年度)（千円・四捨五入）"], cost.Texts()[0]);
        Assert.Equal(
        [
            ("年度別事業費", [33_916_000d, 35_500_000d, 35_500_000d]),
            ("国・県支出金", [0d, 0d, 0d]),
            ("地方債", [0d, 0d, 0d]),
            ("その他", [1_000d, 0d, 0d]),
            ("一般財源", [33_915_000d, 35_500_000d, 35_500_000d]),
        ], cost.Rows.Skip(1).Select(r => ((string)r[0].Value!, r.Skip(1).Select(c => Assert.IsType<double>(c.Value)).ToArray())));
        Assert.All(cost.Rows.Skip(1).SelectMany(r => r.Skip(1)), c => Assert.Equal(ThousandYen, c.Format));

        var info = sheets[3].Texts();
        Assert.Equal(
        [
            ["項目", "内容"],
            ["表題", "事務事業 市民協働推進事業"],
            ["自治体コード", Komoro],
            ["条件 item_id", itemId.ToString()],
            ["条件 fiscal_year_from", "2019"],
            ["条件 fiscal_year_to", "2021"],
            ["鮮度（含む最新のイベントの時刻）", At.AddMinutes(3).ToUniversalTime().ToString("O")],
        ], info);

        var properties = SpreadsheetReadBack.CoreProperties(xlsx.Data);
        Assert.Equal("事務事業 市民協働推進事業", properties["title"]);
        Assert.Equal($"municipality {Komoro}", properties["subject"]);
        Assert.Equal($"as_of={At.AddMinutes(3).ToUniversalTime():O}", properties["keywords"]);
        Assert.Contains("条件 fiscal_year_from: 2019", properties["description"]);
    }

    [Fact]
    public async Task ASubsidyTrendWorkbookHoldsSeed001sAwardsAsYenAndCountsAsNumbers()
    {
        // 001 ④ 市民活動促進事業補助金, 平成30年度: チャレンジ 2件 400,000, ステップアップ 3件 450,000, 計 850,000.
        var (programId, challenge, stepUp) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var awards = new List<IIntegrationEvent>
        {
            new SubsidyProgramChanged(Guid.NewGuid(), At, Komoro, programId, "市民活動促進事業補助金", "",
                [new CourseSnapshot(challenge, "チャレンジ", 200_000, true, 1), new CourseSnapshot(stepUp, "ステップアップ", 150_000, true, 1)], [], 1,
                    false),
        };
        var later = new List<IIntegrationEvent>();
        var minute = 0;
        foreach (var (course, name, amount) in new[] { (challenge, "チャレンジ", 200_000L), (challenge, "チャレンジ", 200_000),
            (stepUp, "ステップアップ", 150_000),
                     (stepUp, "ステップアップ", 150_000), (stepUp, "ステップアップ", 150_000) })
        {
            var id = Guid.NewGuid();
            ApplicationStatusChanged Step(string from, string to, long awarded, int revision) => new(Guid.NewGuid(),
                At.AddMinutes(++minute), Komoro, id, programId,
                "市民活動促進事業補助金", course, name, 2018, 1, Guid.NewGuid(), "団体", "事業", from, to, amount, awarded, 0, "企画課", revision);
            var (submitted, awardedStep) = (Step("", "Submitted", 0, 1), Step("Submitted", "Awarded", amount, 2));
            awards.Add(awardedStep);
            later.AddRange([submitted, awardedStep]);
        }
        // The awards first, in a batch of their own (within one batch any order is possible); then the submissions, and each award again.
        await fixture.PublishAndWaitAsync([.. awards]);
        await fixture.PublishAndWaitAsync([.. later]);

        var xlsx = await fixture.DownloadAsync(new ExportReportRequest
        { Format = ExportFormat.Xlsx, Trend = new TrendRequest { MunicipalityCode = Komoro, SubsidyProgramId = programId.ToString() } });

        var sheets = SpreadsheetReadBack.Read(xlsx.Data);
        Assert.Equal(["補助金の推移", "回別", "報告情報"], sheets.Select(s => s.Name));
        var trend = sheets[0];
        Assert.Equal(["年度", "コース", "申請数", "交付決定数", "交付決定額（円）", "確定額（円）"], trend.Texts()[0][..6]);
        Assert.Equal(
        [
            ("チャレンジ", 2d, 2d, 400_000d),
            ("ステップアップ", 3d, 3d, 450_000d),
            ("計", 5d, 5d, 850_000d),
        ], trend.Rows.Skip(1).Select(r => ((string)r[1].Value!, (double)r[2].Value!, (double)r[3].Value!, (double)r[4].Value!)));
        Assert.All(trend.Rows.Skip(1), r => Assert.Equal(["FY2018 (平成30年度)", "#,##0", "#,##0", Yen, Yen],
            new[] { (string)r[0].Value!, r[2].Format ?? "", r[3].Format ?? "", r[4].Format ?? "", r[5].Format ?? "" }));
        Assert.Equal(["鮮度（含む最新のイベントの時刻）", At.AddMinutes(minute).ToUniversalTime().ToString("O")], sheets[^1].Texts()[^1]);
    }
}
