using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.Security;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Tests;

/// <summary>人工 × the year's unit cost = 人件費 (half up to whole yen); 事業費 + 人件費 = フルコスト.</summary>
public sealed class FullCostTests(BudgetSystemFixture system) : IClassFixture<BudgetSystemFixture>
{
    private const string Home = "20218";

    [Fact]
    public async Task StaffTimeAndTheYearsUnitCostGiveTheStaffCostAndTheFullCost()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "市民活動支援事業", municipality: Home);
        await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = Home, ItemId = item.Id, FiscalYear = 2019,
            Funding = new FundingBreakdown { CostYen = 7_320_000, OtherYen = 347_000, GeneralRevenueYen = 6_973_000 },
        });
        await system.Budgets.SetStaffUnitCostAsync(
            new SetStaffUnitCostRequest { MunicipalityCode = Home, FiscalYear = 2019, YenPerPersonYear = 8_000_000 });

        var set = await system.Budgets.SetStaffTimeAsync(
            new SetStaffTimeRequest { MunicipalityCode = Home, ItemId = item.Id, FiscalYear = 2019, PersonYears = "０．８" });

        Assert.Equal("0.8", set.StaffTime.PersonYears);
        Assert.Equal((7_320_000L, 6_400_000L, 13_720_000L, true),
            (set.FullCost.ProjectCost.CostYen, set.FullCost.StaffCostYen, set.FullCost.FullCostYen, set.FullCost.StaffCostKnown));
        var (changed, _) = await system.Events.WaitForAsync<StaffTimeChanged>(e => e.ItemId == Guid.Parse(item.Id));
        Assert.Equal((0.8m, 8_000_000L, 6_400_000L), (changed.PersonYears, changed.YenPerPersonYear!.Value, changed.StaffCostYen!.Value));

        // A new unit cost changes the year's staff cost without touching the staff time.
        await system.Budgets.SetStaffUnitCostAsync(
            new SetStaffUnitCostRequest { MunicipalityCode = Home, FiscalYear = 2019, YenPerPersonYear = 7_654_321 });
        await system.Budgets.SetStaffTimeAsync(
            new SetStaffTimeRequest { MunicipalityCode = Home, ItemId = item.Id, FiscalYear = 2020, PersonYears = "0.33" });
        var years = (await system.Budgets.GetFullCostAsync(
            new GetFullCostRequest { MunicipalityCode = Home, ItemId = item.Id, FiscalYearFrom = 2019, FiscalYearTo = 2021 })).Years;
        Assert.Equal(6_123_457, years[0].StaffCostYen); // 0.8 × 7,654,321 = 6,123,456.8 → half up
        Assert.Equal(7_320_000 + 6_123_457, years[0].FullCostYen);
        // FY2020 has no unit cost yet
        Assert.Equal(("0.33", false, 0L, false),
            (years[1].PersonYears, years[1].StaffCostKnown, years[1].FullCostYen, years[1].HasBudgetLine));
        Assert.Equal(("", true, 0L), (years[2].PersonYears, years[2].StaffCostKnown, years[2].FullCostYen));

        await system.Budgets.SetStaffUnitCostAsync(
            new SetStaffUnitCostRequest { MunicipalityCode = Home, FiscalYear = 2020, YenPerPersonYear = 7_654_321 });
        var fy2020 = (await system.Budgets.GetFullCostAsync(
            new GetFullCostRequest { MunicipalityCode = Home, ItemId = item.Id, FiscalYearFrom = 2020 })).Years.Single();
        Assert.Equal(2_525_926, fy2020.StaffCostYen); // 2,525,925.93 → 2,525,926
    }

    [Fact]
    public async Task ListStaffTimesPagesThroughEveryItemAndYearOfItsMunicipalityOnly()
    {
        const string Listed = "20219", Other = "20220";
        var first = await KomoroItems.CreateAsync(system.Plans, "市民活動支援事業", municipality: Listed);
        var second = await KomoroItems.CreateAsync(system.Plans, "協働推進事業", municipality: Listed);
        var elsewhere = await KomoroItems.CreateAsync(system.Plans, "市民活動支援事業", municipality: Other);
        foreach (var (code, item, year, personYears) in new[] { (Listed, first, 2019, "0.8"), (Listed, first, 2020, "1.25"),
            (Listed, second, 2019, "0.33"), (Other, elsewhere, 2019, "2") })
            await system.Budgets.SetStaffTimeAsync(
                new SetStaffTimeRequest { MunicipalityCode = code, ItemId = item.Id, FiscalYear = year, PersonYears = personYears });

        var listed = new List<StaffTime>();
        var token = "";
        do
        {
            var page = await system.Budgets.ListStaffTimesAsync(
                new ListStaffTimesRequest { MunicipalityCode = Listed, Page = new() { PageSize = 2, PageToken = token } });
            Assert.InRange(page.StaffTimes.Count, 1, 2);
            listed.AddRange(page.StaffTimes);
            token = page.Page.NextPageToken;
        } while (token.Length > 0);

        Assert.Equal([(first.Id, 2019, "0.8"), (first.Id, 2020, "1.25"), (second.Id, 2019, "0.33")],
            listed.Select(s => (s.ItemId, s.FiscalYear, s.PersonYears)).OrderBy(s => s.ItemId == first.Id ? 0 : 1)
                .ThenBy(s => s.FiscalYear));
        Assert.All(listed, s => Assert.Equal((Listed, 1), (s.MunicipalityCode, s.Revision)));
    }

    [Fact]
    public async Task BadPersonYearsAnEditorOfAnotherDepartmentAndAnEditorSettingTheUnitCostAreRefusedAndNothingIsStored()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "表彰事業", department: "秘書広報課", municipality: Home);
        var planning = (await system.Plans.ListDepartmentsAsync(new Plan.V1.ListDepartmentsRequest { MunicipalityCode = Home })).Departments
            .FirstOrDefault(d => d.Name == "企画課")?.Id ?? (await system.Plans.CreateDepartmentAsync(
                new Plan.V1.CreateDepartmentRequest { MunicipalityCode = Home, Name = "企画課" })).Department.Id;
        var editor = new BudgetService.BudgetServiceClient(
            system.BudgetService.ChannelAs(TestAuth.UserToken(Home, KyodoRoles.Editor, Guid.Parse(planning))));

        var bad = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => system.Budgets.SetStaffTimeAsync(new SetStaffTimeRequest
        { MunicipalityCode = Home, ItemId = item.Id, FiscalYear = 2019, PersonYears = "0.125" }).ResponseAsync);
        Assert.Contains("two decimals", RpcAssert.FieldViolations(bad)["person_years"]);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => editor.SetStaffTimeAsync(new SetStaffTimeRequest
        { MunicipalityCode = Home, ItemId = item.Id, FiscalYear = 2019, PersonYears = "1" }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => editor.SetStaffUnitCostAsync(new SetStaffUnitCostRequest
        { MunicipalityCode = Home, FiscalYear = 2019, YenPerPersonYear = 1 }).ResponseAsync);

        await using var db = system.OpenDatabase();
        Assert.False(await db.StaffTimes.AnyAsync(s => s.ItemId == Guid.Parse(item.Id)));
        Assert.False(await db.StaffUnitCosts.AnyAsync(u => u.MunicipalityCode == Home && u.YenPerPersonYear == 1));
    }
}
