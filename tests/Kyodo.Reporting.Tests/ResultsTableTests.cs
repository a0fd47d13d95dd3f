using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.V1;
using Kyodo.Testing;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// The results table of seed 001 (Komoro, FY H30–R2): ③ ぼらせん相談・マッチング件数 — 相談数
/// 1720 / 1853 / 1097, マッチング数 448 / 558 / 60 — recorded one actual per event, the events shuffled and repeated.
/// </summary>
public sealed class ResultsTableTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private static readonly DateTimeOffset At = new(2021, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));
    private static readonly (int Year, decimal Consultations,
        decimal Matchings)[] Seed001 = [(2018, 1720, 448), (2019, 1853, 558), (2020, 1097, 60)];

    private sealed record Published(Guid PlanId, Guid Consultations, Guid Matchings, Guid OtherPlansIndicator, Guid UedasIndicator);

    private async Task<Published> PublishAsync(string komoro, string ueda)
    {
        var (planId, department) = (Guid.NewGuid(), Guid.NewGuid());
        var consultations = new IndicatorSnapshot(Guid.NewGuid(), "Activity", "相談数", "件", "HigherIsBetter", null, null, [], []);
        var matchings = new IndicatorSnapshot(Guid.NewGuid(), "Activity", "マッチング数", "件", "HigherIsBetter", null, null, [], []);
        var item = Item(planId, department, "市民活動支援事業", "2-③", consultations, matchings);

        // Each recorded actual carries the whole item after it: revisions 2–7.
        var current = item;
        var recorded = new List<IndicatorActualRecorded>();
        foreach (var (year, c, m) in Seed001)
            foreach (var (indicator, value) in new[] { (consultations, c), (matchings, m) })
            {
                current = current with
                {
                    Revision = current.Revision + 1,
                    Indicators = current.Indicators.Select(i => i.IndicatorId == indicator.IndicatorId
                        ? i with { Actuals = [.. i.Actuals, new YearValue(year, value)] } : i).ToList(),
                };
                recorded.Add(new IndicatorActualRecorded(Guid.NewGuid(), At.AddMinutes(current.Revision), komoro, item.ItemId,
                    indicator.IndicatorId, current.Revision, year, value, null, "件", "HigherIsBetter", "企画課", current));
            }

        var otherPlans =
            new IndicatorSnapshot(Guid.NewGuid(), "Activity", "区長研修会の開催回数", "回", "HigherIsBetter", null, null, [], [new(2019, 2m)]);
        var uedas = new IndicatorSnapshot(Guid.NewGuid(), "Activity", "相談数", "件", "HigherIsBetter", null, null, [], [new(2019, 99m)]);
        await fixture.PublishAndWaitAsync(
            recorded[5], recorded[1], recorded[3], recorded[0], recorded[5], recorded[4], recorded[2], recorded[1],
            new ItemCreated(Guid.NewGuid(), At, komoro, item),
            new ItemCreated(Guid.NewGuid(), At, komoro, Item(Guid.NewGuid(), Guid.NewGuid(), "市民協働推進事業", "1-①", otherPlans)),
            new ItemCreated(Guid.NewGuid(), At.AddDays(1), ueda, Item(Guid.NewGuid(), Guid.NewGuid(), "上田の事業", "1", uedas)));
        return new Published(planId, consultations.IndicatorId, matchings.IndicatorId, otherPlans.IndicatorId, uedas.IndicatorId);
    }


    private static ItemSnapshot Item(Guid planId, Guid department, string title, string reference, params IndicatorSnapshot[] indicators) =>
        new(
        Guid.NewGuid(), planId, 1, title, "Continuing", [new DepartmentInCharge(department, "企画課")], [], [], "", "", "", "", "", "",
        null, null, "None", [], [], "", [new PlacementSnapshot(Guid.NewGuid(), reference, true, reference)], [], indicators);

    [Fact]
    public async Task ChosenIndicatorsActualsStandSideBySideOneRowPerYearAsTheDocumentPrintsThem()
    {
        var published = await PublishAsync("20208", "20203");

        var report = await fixture.Client.GetResultsTableAsync(new ResultsTableRequest
        {
            MunicipalityCode = "20208", IndicatorIds = { published.Consultations.ToString(), published.Matchings.ToString() },
            FiscalYearFrom = 2018, FiscalYearTo = 2020,
        });

        var table = report.Tables[0];
        Assert.Equal(["実施年度", "相談数（件）", "マッチング数（件）"], table.Columns.Select(c => c.Name));
        Assert.Equal([["FY2018 (平成30年度)", "1720", "448"], ["FY2019 (令和元年度)", "1853", "558"], ["FY2020 (令和2年度)", "1097", "60"]],
            table.Texts());
        Assert.Equal([["相談数（件）", "2-③", "市民活動支援事業", "活動指標", "相談数", "件"], ["マッチング数（件）", "2-③", "市民活動支援事業", "活動指標", "マッチング数", "件"]],
            report.Tables[1].Texts());
        Assert.Equal(At.AddMinutes(7), report.AsOf.ToDateTimeOffset()); // the sixth actual, revision 7
    }

    [Fact]
    public async Task WithoutChosenIndicatorsAPlanFilterSelectsItsItemsAndAnotherCitysIndicatorIsNotFound()
    {
        var published = await PublishAsync("20209", "20204");

        var ofPlan = await fixture.Client.GetResultsTableAsync(
            new ResultsTableRequest { MunicipalityCode = "20209", PlanId = published.PlanId.ToString(), FiscalYearFrom = 2019 });
        Assert.Equal([["FY2019 (令和元年度)", "1853", "558"]], ofPlan.Tables[0].Texts());

        var all = await fixture.Client.GetResultsTableAsync(new ResultsTableRequest { MunicipalityCode = "20209" });
        // Every year held, every Komoro indicator in document order; Ueda's 相談数 (99) never.
        Assert.Equal(["実施年度", "区長研修会の開催回数（回）", "相談数（件）", "マッチング数（件）"], all.Tables[0].Columns.Select(c => c.Name));
        Assert.Equal([["FY2018 (平成30年度)", "", "1720", "448"], ["FY2019 (令和元年度)", "2", "1853", "558"], ["FY2020 (令和2年度)", "", "1097", "60"]],
            all.Tables[0].Texts());

        await RpcAssert.FailsWith(StatusCode.NotFound, () => fixture.Client.GetResultsTableAsync(
            new ResultsTableRequest { MunicipalityCode = "20209", IndicatorIds = { published.UedasIndicator.ToString() } }).ResponseAsync);
        var bad = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.GetResultsTableAsync(
            new ResultsTableRequest { MunicipalityCode = "20209", IndicatorIds = { "相談数" } }).ResponseAsync);
        Assert.Contains("indicator_ids[0]", RpcAssert.FieldViolations(bad).Keys);
    }

    [Fact]
    public async Task TheWorkbookHoldsTheActualsAsNumbers()
    {
        var published = await PublishAsync("20210", "20205");

        var xlsx = await fixture.DownloadAsync(new ExportReportRequest
        {
            Format = ExportFormat.Xlsx,
            ResultsTable = new ResultsTableRequest
            {
                MunicipalityCode = "20210",
                IndicatorIds = { published.Consultations.ToString(), published.Matchings.ToString() }
            },
        });

        using var workbook = new Workbook(xlsx.Data);
        Assert.Equal(["実績", "指標", "報告情報"], workbook.SheetNames);
        var actuals = workbook.Sheet("実績");
        Assert.Equal(["実施年度", "相談数（件）", "マッチング数（件）"], actuals[0].Select(c => c.Value));
        Assert.Equal([("1097", ""), ("60", "")], actuals[3].Skip(1));
    }
}
