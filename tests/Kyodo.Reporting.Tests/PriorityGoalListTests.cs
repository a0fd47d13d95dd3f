using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.V1;
using Kyodo.Testing;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// The 重点目標一覧表 of seed 002 (Ueda, 市民参加協働部・上田地域自治C, FY H29 and H30): the
/// past year's achievement beside the next year's deadlines, goal by goal.
/// </summary>
public sealed class PriorityGoalListTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private const string Ueda = "20203", Komoro = "20208";
    private const string Department = "市民参加協働部・上田地域自治C";
    private static readonly DateTimeOffset At = new(2018, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));

    private const string Goal2017First = "地域内分権確立に向けた地域の自治の推進";
    private const string Goal2018First = "地域内分権の確立に向けた地域主体の自治の推進";
    private const string Goal2017Second = "参加と協働のまちづくりの推進";
    private const string Goal2018Second = "参加と協働によるまちづくりの推進";
    private const string Achieved9 = "・H29年度設立の城下、川辺泉田、塩田、真田の4組織と合わせ9組織の活動を支援";
    private const string Achieved6 = "6地域に配置。住民自治組織や地域経営会議の活動を支援";
    private const string Achieved113 = "年3回募集、113件採択(継続93件、新規20件) 4,576万円補助";

    private static PriorityGoalChanged Goal(Guid id, Guid department, string name, int year, int position, string title, int revision,
        bool deleted, DateTimeOffset at, string municipality = Ueda, params PriorityGoalItemSnapshot[] items) =>
        new(Guid.NewGuid(), at, municipality, id, department, name, year, position, title, "", items, revision, deleted);

    private static PriorityGoalItemSnapshot I(string number, string text, string target, string achievement) =>
        new(number, text, target, achievement);

    private async Task<(Guid Department, Guid Other)> PublishAsync()
    {
        var (department, other) = (Guid.NewGuid(), Guid.NewGuid());
        var (g17a, g17b, g18a, g18b, g18c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var final18a = Goal(g18a, department, Department, 2018, 1, Goal2018First, 2, false, At.AddMinutes(4), Ueda,
            I("①", "住民自治組織の設立促進と組織運営、活動への支援", "年度末まで", ""), I("②", "職員による地域主体の自治への支援", "年度末まで", ""));
        await fixture.PublishAndWaitAsync(
            final18a, final18a,
            Goal(g18a, department, Department, 2018, 1, "旧題", 1, false, At.AddMinutes(1)), // the first version, arriving after the second
            Goal(g17a, department, Department, 2017, 1, Goal2017First, 1, false, At, Ueda,
                I("①", "住民自治組織の設立促進と組織運営、活動の支援", "", Achieved9), I("②", "職員による地域支援", "", Achieved6)),
            Goal(g17b, department, Department, 2017, 2, Goal2017Second, 1, false, At, Ueda,
                I("③", "わがまち魅力アップ応援事業による地域の主体的な取組の促進", "", Achieved113)),
            Goal(g18b, department, Department, 2018, 2, Goal2018Second, 1, false, At, Ueda,
                I("④", "わがまち魅力アップ応援事業における全市分対象事業のあり方を検討", "年度末まで", "")),
            // Removed before its creation arrived: the tombstone holds.
            Goal(g18c, department, Department, 2018, 3, "削除済み", 2, true, At.AddMinutes(2)),
            Goal(g18c, department, Department, 2018, 3, "削除済み", 1, false, At.AddMinutes(1)),
            new DepartmentChanged(Guid.NewGuid(), At, Ueda, department, Department, 1, false),
            Goal(Guid.NewGuid(), other, "政策企画部", 2018, 1, "他部局の目標", 1, false, At.AddMinutes(3), Ueda, I("①", "他部局の取組", "年度末まで", "")),
            Goal(Guid.NewGuid(), department, Department, 2018, 1, "小諸の目標", 1, false, At.AddDays(9), Komoro, I("①", "小諸の取組", "", "")));
        return (department, other);
    }

    [Fact]
    public async Task ADepartmentsGoalsShowThePastYearsAchievementBesideTheNextYearsDeadlines()
    {
        var (department, _) = await PublishAsync();

        var report = await fixture.Client.GetPriorityGoalListAsync(new PriorityGoalListRequest
        {
            MunicipalityCode = Ueda, DepartmentId = department.ToString(), FiscalYears = { 2017, 2018 },
        });

        Assert.Equal($"重点目標一覧表 {Department}", report.Title);
        var table = report.Tables.Single();
        Assert.Equal(["担当部局", "番号",
            "FY2017 (平成29年度) 重点目標", "FY2017 (平成29年度) 具体的な重点取組項目", "FY2017 (平成29年度) 達成状況・達成度", "FY2017 (平成29年度) 期限・数値目標等",
            "FY2018 (平成30年度) 重点目標", "FY2018 (平成30年度) 具体的な重点取組項目", "FY2018 (平成30年度) 達成状況・達成度", "FY2018 (平成30年度) 期限・数値目標等"],
            table.Columns.Select(c => c.Name));
        Assert.Equal(
        [
            [Department, "1", Goal2017First, "①住民自治組織の設立促進と組織運営、活動の支援", Achieved9, "", Goal2018First, "①住民自治組織の設立促進と組織運営、活動への支援", "",
                "年度末まで"],
            [Department, "1", Goal2017First, "②職員による地域支援", Achieved6, "", Goal2018First, "②職員による地域主体の自治への支援", "", "年度末まで"],
            [Department, "2", Goal2017Second, "③わがまち魅力アップ応援事業による地域の主体的な取組の促進", Achieved113, "", Goal2018Second,
                "④わがまち魅力アップ応援事業における全市分対象事業のあり方を検討", "", "年度末まで"],
        ], table.Texts());
        // the newest goal of this department, not the other department's nor Komoro's
        Assert.Equal(At.AddMinutes(4), report.AsOf.ToDateTimeOffset());
    }

    [Fact]
    public async Task WithoutADepartmentEveryDepartmentOfTheCityIsListedAndNoOtherCitys()
    {
        var (_, other) = await PublishAsync();

        var report =
            await fixture.Client.GetPriorityGoalListAsync(new PriorityGoalListRequest { MunicipalityCode = Ueda, FiscalYears = { 2018 } });

        var rows = report.Tables.Single().Texts();
        Assert.Contains(rows, r => r[0] == "政策企画部" && r[2] == "他部局の目標");
        Assert.DoesNotContain(rows, r => r.Contains("小諸の目標") || r.Contains("削除済み") || r.Contains("旧題"));
        await RpcAssert.FailsWith(StatusCode.NotFound, () => fixture.Client.GetPriorityGoalListAsync(
            new PriorityGoalListRequest { MunicipalityCode = Komoro, DepartmentId = other.ToString() }).ResponseAsync);
        var bad = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.GetPriorityGoalListAsync(
            new PriorityGoalListRequest { MunicipalityCode = Ueda, FiscalYears = { 29 } }).ResponseAsync);
        Assert.Contains("fiscal_years[0]", RpcAssert.FieldViolations(bad).Keys);
    }

    [Fact]
    public async Task TheCsvKeepsEachMultiLineCellAndTheWorkbookHasTheHeaderRow()
    {
        var (department, _) = await PublishAsync();
        var request = new PriorityGoalListRequest { MunicipalityCode = Ueda, DepartmentId = department.ToString(), FiscalYears = { 2017 } };

        var csv = await fixture.DownloadAsync(new ExportReportRequest { Format = ExportFormat.Csv, PriorityGoalList = request });
        var xlsx = await fixture.DownloadAsync(new ExportReportRequest { Format = ExportFormat.Xlsx, PriorityGoalList = request });

        var text = System.Text.Encoding.UTF8.GetString(csv.Data[3..]);
        // the comma in 4,576万円 quoted
        Assert.Contains($"{Department},2,{Goal2017Second},③わがまち魅力アップ応援事業による地域の主体的な取組の促進,\"{Achieved113}\",", text);
        using var workbook = new Workbook(xlsx.Data);
        var sheet = workbook.Sheet("重点目標一覧");
        Assert.Equal(["担当部局", "番号", "FY2017 (平成29年度) 重点目標"], sheet[0].Take(3).Select(c => c.Value));
        Assert.Equal(("2", "#,##0"), sheet[3][1]);
    }
}
