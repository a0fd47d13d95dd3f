using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Reporting.V1;
using Kyodo.Subsidy.V1;
using Kyodo.Web.Testing;

namespace Kyodo.Web.Tests;

/// <summary>
/// One system with the seed data for every browser test (starting it and importing the seed is
/// most of the run), and the records the tests visit, found through the API by what the source
/// documents print (names, titles), never by ids copied from anywhere.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const string Komoro = "20208", Yamaguchi = "35203";

    public WebSystem System { get; private set; } = null!;
    public Uri App => System.AppAddress;

    public PlanService.PlanServiceClient Plans => new(System.Gateway.Channel);
    public ReportingService.ReportingServiceClient Reporting => new(System.Gateway.Channel);
    public SubsidyService.SubsidyServiceClient Subsidies => new(System.Gateway.Channel);

    /// <summary>Komoro's 市民活動支援事業, the 事務事業 sheet of seed 000 with indicators.</summary>
    public Item KomoroSheetItem { get; private set; } = null!;
    public Kyodo.Plan.V1.Plan KomoroPlan { get; private set; } = null!;
    public Kyodo.Plan.V1.Plan YamaguchiPlan { get; private set; } = null!;
    public Item YamaguchiItem { get; private set; } = null!;
    public DepartmentRef KomoroPlanning { get; private set; } = null!;
    public Kyodo.Subsidy.V1.Program KomoroProgram { get; private set; } = null!;
    public Application KomoroApplication { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System = await WebSystem.StartAsync("web");
        KomoroPlan = await PlanNamedAsync(Komoro, "小諸市 実施計画");
        YamaguchiPlan = await PlanNamedAsync(Yamaguchi, "山口市協働推進プラン");
        KomoroSheetItem =
            (await Plans.ListItemsAsync(new ListItemsRequest { MunicipalityCode = Komoro, PlanId = KomoroPlan.Id, Text = "市民活動支援事業" }))
            .Items.Single(i => i.Fields.Title == "市民活動支援事業");
        YamaguchiItem = (await Plans.ListItemsAsync(new ListItemsRequest
        {
            MunicipalityCode = Yamaguchi, PlanId = YamaguchiPlan.Id,
            Page = new PageRequest { PageSize = 1 }
        })).Items.Single();
        KomoroPlanning = (await Plans.ListDepartmentsAsync(new ListDepartmentsRequest { MunicipalityCode = Komoro })).Departments.Single(
            d => d.Name == "企画課");
        KomoroProgram = (await Subsidies.ListProgramsAsync(new ListProgramsRequest { MunicipalityCode = Komoro })).Programs.Single(
            p => p.Name == "市民活動促進事業補助金");
        KomoroApplication = (await Subsidies.ListApplicationsAsync(new ListApplicationsRequest
        {
            MunicipalityCode = Komoro,
            ProgramId = KomoroProgram.Id, Page = new PageRequest { PageSize = 1 }
        })).Applications.Single();
    }

    private async Task<Kyodo.Plan.V1.Plan> PlanNamedAsync(string municipality, string name) =>
        (await Plans.ListPlansAsync(new ListPlansRequest
        {
            MunicipalityCode = municipality,
            Page = new PageRequest { PageSize = 100 }
        })).Plans.Single(p => p.Name == name);

    public async Task DisposeAsync()
    {
        if (System is not null) await System.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web app with the seed data";
}
