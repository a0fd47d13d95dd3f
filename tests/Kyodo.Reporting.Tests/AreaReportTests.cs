using Grpc.Core;
using Kyodo.Reporting.V1;
using Kyodo.Security;
using Kyodo.Testing;
using static Kyodo.Reporting.Tests.SummaryEvents;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// Reports across municipalities: one row per municipality, each its own report's total, and a
/// total; only for a system token with kyodo.all-municipalities or a prefecture's office within its
/// prefecture (the first two digits of the municipality codes). Everyone else is refused.
/// </summary>
public sealed class AreaReportTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private static readonly DateTimeOffset At = new(2020, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Two cities of a prefecture and one of another, codes no other test uses (each test its own prefectures: they share a
    /// database).</summary>
    private sealed record Cities(string Prefecture, string Other, string Big, string Small, string Elsewhere);

    private static Cities Of(string prefecture, string other) =>
        new(prefecture, other, $"{prefecture}201", $"{prefecture}208", $"{other}201");

    private ReportingService.ReportingServiceClient As(string? token) => new(fixture.Service.ChannelAs(token));

    /// <summary>A plan of the city with <paramref name="items"/> items of 企画課, each with a FY2020 line of <paramref name="cost"/> yen and
    /// 実施 in FY2020.</summary>
    private async Task PublishCityAsync(string code, int items, long cost)
    {
        var plan = Guid.NewGuid();
        var kikaku = (Guid.NewGuid(), "企画課");
        var events = new List<Kyodo.Contracts.IIntegrationEvent> { PlanOf(code, plan, "総合計画", 2019, 2021, At) };
        for (var i = 0; i < items; i++)
        {
            var item = Item(plan, kikaku, $"事業 {i + 1}", [new(1, "", 2020, ["実施"])], [], Guid.NewGuid());
            events.AddRange([Created(code, item, At), Line(code, item, kikaku, 2020, cost, At.AddMinutes(i))]);
        }
        await fixture.PublishAndWaitAsync([.. events]);
    }

    private async Task<Cities> WrittenAsync(string prefecture, string other)
    {
        var cities = Of(prefecture, other);
        await PublishCityAsync(cities.Big, 3, 1_000_000);
        await PublishCityAsync(cities.Small, 2, 400_000);
        await PublishCityAsync(cities.Elsewhere, 5, 9_000_000);
        return cities;
    }

    private static string Column(Table table, string[] row, string name) => row[table.Columns.Select(c => c.Name).ToList().IndexOf(name)];

    [Fact]
    public async Task APrefecturesSummaryHasEachOfItsMunicipalitiesTotalAsARowAndTheirSumAndNothingOfAnotherPrefecture()
    {
        var (prefecture, _, big, small, _) = await WrittenAsync("46", "47");

        foreach (var token in new[] { TestAuth.SystemToken(null, KyodoScopes.Read, KyodoScopes.AllMunicipalities),
            TestAuth.PrefectureToken(prefecture) })
        {
            var report = await As(token)
                .GetAreaDepartmentSummaryAsync(new AreaDepartmentSummaryRequest { PrefectureCode = prefecture, FiscalYearFrom = 2020 });

            Assert.Equal([big, small], report.MunicipalityCodes);
            var table = report.Tables.Single();
            var rows = table.Texts();
            Assert.Equal([big, small, "合計"], rows.Select(r => r[0]));
            // Each row is that city's own department summary total.
            foreach (var row in rows[..^1])
            {
                var own = (await fixture.Client.GetDepartmentSummaryAsync(
                    new DepartmentSummaryRequest { MunicipalityCode = row[0], FiscalYearFrom = 2020 })).Tables.Single();
                Assert.Equal(own.Texts()[^1][1..], row[1..]);
            }
            Assert.Equal(("5", "3800000", "5"),
                (Column(table, rows[^1], "事業数"), Column(table, rows[^1], "事業費"), Column(table, rows[^1], "実施（事業数）")));
        }
    }

    [Fact]
    public async Task AListOfMunicipalitiesGivesTheirRowsTheirPlanStructureAndTheirAccountTrend()
    {
        var (_, _, big, _, elsewhere) = await WrittenAsync("44", "45");
        var system = As(TestAuth.SystemToken(null, KyodoScopes.Read, KyodoScopes.AllMunicipalities));

        var structure = await system.GetAreaPlanStructureAsync(
            new AreaPlanStructureRequest { MunicipalityCodes = { elsewhere, big }, FiscalYearFrom = 2020 });
        var trend =
            await system.GetAreaTrendAsync(new AreaTrendRequest { MunicipalityCodes = { elsewhere, big }, AccountPath = "一般会計/2 総務費" });

        var table = structure.Tables.Single();
        Assert.Equal([big, elsewhere, "合計"], table.Texts().Select(r => r[0]));
        Assert.Equal([("1", "3", "3000000"), ("1", "5", "45000000"), ("2", "8", "48000000")],
            table.Texts().Select(r => (Column(table, r, "計画数"), Column(table, r, "事業数"), Column(table, r, "事業費"))));
        // The area's cost by year, then by municipality.
        Assert.Equal([["FY2020 (令和2年度)", "8", "48000000"]], trend.Tables[0].Texts().Select(r => r[..3]));
        Assert.Equal([[big, "3000000", "3000000"], [elsewhere, "45000000", "45000000"], ["合計", "48000000", "48000000"]],
            trend.Tables[1].Texts());
    }

    [Fact]
    public async Task APrefecturesOfficeIsRefusedAnotherPrefectureAMunicipalityOutsideItsOwnAndEverySingleMunicipalityReport()
    {
        var (prefecture, other, big, _, elsewhere) = await WrittenAsync("42", "43");
        var office = As(TestAuth.PrefectureToken(prefecture));

        await AccessAssert.Denied("GetAreaDepartmentSummary", () => office.GetAreaDepartmentSummaryAsync(new AreaDepartmentSummaryRequest
        { PrefectureCode = other, FiscalYearFrom = 2020 }).ResponseAsync, "prefecture_code");
        await AccessAssert.Denied("GetAreaTrend", () => office.GetAreaTrendAsync(new AreaTrendRequest
        { MunicipalityCodes = { big, elsewhere }, AccountPath = "一般会計" }).ResponseAsync, "municipality_codes[1]");
        await AccessAssert.Denied("ExportReport", () => fixture.DownloadAsyncAs(office, new ExportReportRequest
        { Format = ExportFormat.Csv, AreaPlanStructure = new AreaPlanStructureRequest { PrefectureCode = other, FiscalYearFrom = 2020 } }),
            "report.prefecture_code");
        // A prefecture's office reads areas, not a municipality's own reports.
        await AccessAssert.Denied("GetDepartmentSummary", () => office.GetDepartmentSummaryAsync(new DepartmentSummaryRequest
        { MunicipalityCode = big, FiscalYearFrom = 2020 }).ResponseAsync);
        await AccessAssert.Denied("GetMunicipalityOverview",
            () => office.GetMunicipalityOverviewAsync(new GetMunicipalityOverviewRequest { MunicipalityCode = big }).ResponseAsync);

        // What it may read holds nothing of the other prefecture.
        var own = await office.GetAreaTrendAsync(new AreaTrendRequest { PrefectureCode = prefecture, AccountPath = "一般会計" });
        Assert.DoesNotContain(elsewhere, own.MunicipalityCodes);
        Assert.Equal("3800000", own.Tables[0].Texts().Single()[2]);
    }

    [Fact]
    public async Task AMunicipalitysUsersAndSystemsAreRefusedAnyAreaEvenTheirOwnPrefectureOrOwnCodeAlone()
    {
        var (prefecture, _, big, _, _) = await WrittenAsync("40", "41");
        string[] tokens =
        [
            TestAuth.UserToken(big, KyodoRoles.Viewer), TestAuth.UserToken(big, KyodoRoles.Admin),
            // a city's own system: no kyodo.all-municipalities
            TestAuth.SystemToken(big, KyodoScopes.Read, KyodoScopes.Write, KyodoScopes.Admin),
            TestAuth.SystemToken(null, KyodoScopes.AllMunicipalities),                             // every municipality, but no kyodo.read
        ];
        foreach (var token in tokens)
        {
            var caller = As(token);
            await AccessAssert.Denied("GetAreaDepartmentSummary",
                () => caller.GetAreaDepartmentSummaryAsync(new AreaDepartmentSummaryRequest
                { PrefectureCode = prefecture, FiscalYearFrom = 2020 }).ResponseAsync, "across municipalities");
            await AccessAssert.Denied("GetAreaPlanStructure", () => caller.GetAreaPlanStructureAsync(new AreaPlanStructureRequest
            { MunicipalityCodes = { big }, FiscalYearFrom = 2020 }).ResponseAsync, "across municipalities");
            await AccessAssert.Denied("ExportReport", () => fixture.DownloadAsyncAs(caller, new ExportReportRequest
            { Format = ExportFormat.Xlsx, AreaTrend = new AreaTrendRequest { PrefectureCode = prefecture, AccountPath = "一般会計" } }),
                "across municipalities");
        }
    }

    [Theory]
    [InlineData("", new string[0], "prefecture_code")]
    [InlineData("46", new[] { "46201" }, "prefecture_code")]
    [InlineData("48", new string[0], "prefecture_code")]
    [InlineData("", new[] { "4620" }, "municipality_codes[0]")]
    [InlineData("", new[] { "46201", "46201" }, "municipality_codes")]
    public async Task AnAreaThatIsNotExactlyOnePrefectureOrAListOfCodesIsInvalidNamingTheField(string prefecture, string[] codes,
        string field)
    {
        var system = As(TestAuth.SystemToken(null, KyodoScopes.Read, KyodoScopes.AllMunicipalities));

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => system.GetAreaDepartmentSummaryAsync(new AreaDepartmentSummaryRequest
            { PrefectureCode = prefecture, MunicipalityCodes = { codes }, FiscalYearFrom = 2020 }).ResponseAsync);

        Assert.Contains(field, RpcAssert.FieldViolations(ex).Keys);
    }
}
