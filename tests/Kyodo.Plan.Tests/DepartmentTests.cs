using Google.Rpc;
using Grpc.Core;
using Kyodo.Audit;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

public sealed class DepartmentTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    [Fact]
    public async Task ARenamedDepartmentIsShownUnderItsNewNameOnItsItemsAndAnnounced()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client, municipality: "35209");
        var item = (await fixture.Client.CreateItemAsync(scenario.CommunityCentreItem())).Item;
        var lead = item.Departments[0];

        await fixture.Client.UpdateDepartmentAsync(new UpdateDepartmentRequest { Id = lead.Id, Name = "協働推進課（地域振興部）" });

        var read = (await fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id })).Item;
        Assert.Equal("協働推進課（地域振興部）", read.Fields.Departments[0]);
        // Its creation (revision 1, when the item named it) and its renaming (revision 2) are both announced.
        await fixture.Events.WaitForAsync<DepartmentChanged>(
            e => e.DepartmentId == Guid.Parse(lead.Id) && e.Revision == 1 && e.Name == "協働推進課");
        var (changed, _) =
            await fixture.Events.WaitForAsync<DepartmentChanged>(e => e.DepartmentId == Guid.Parse(lead.Id) && e.Revision == 2);
        Assert.Equal(("協働推進課（地域振興部）", false), (changed.Name, changed.Deleted));
        await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => fixture.Client.UpdateDepartmentAsync(
            new UpdateDepartmentRequest { Id = lead.Id, Name = "生涯学習課" }).ResponseAsync);
    }

    [Fact]
    public async Task AnItemNamingAKnownAndTwoNewDepartmentsAddsTheNewOnesEachWithItsEventAndAuditRow()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client, municipality: "35211");
        var known = (await fixture.Client.CreateDepartmentAsync(
            new CreateDepartmentRequest { MunicipalityCode = "35211", Name = "企画課" })).Department;
        var request = scenario.CommunityCentreItem();
        request.Fields.Departments.Clear();
        request.Fields.Departments.Add(["企画課", "防災危機管理課", "市民課"]);

        var item = (await fixture.Client.CreateItemAsync(request)).Item;

        Assert.Equal(["企画課", "防災危機管理課", "市民課"], item.Fields.Departments);
        Assert.Equal(known.Id, item.Departments[0].Id);
        var stored = (await fixture.Client.ListDepartmentsAsync(new ListDepartmentsRequest { MunicipalityCode = "35211" })).Departments;
        Assert.Equal(["企画課", "市民課", "防災危機管理課"], stored.Select(d => d.Name).Order(StringComparer.Ordinal));
        foreach (var added in stored.Where(d => d.Id != known.Id))
        {
            await fixture.Events.WaitForAsync<DepartmentChanged>(e => e.DepartmentId == Guid.Parse(added.Id) && e.Revision == 1);
            await using var db = fixture.OpenDatabase();
            Assert.Equal(1, await db.Set<AuditRecord>()
                .CountAsync(r => r.RecordType == "department" && r.RecordId == added.Id && r.Action == AuditActions.Created));
        }
        // The known one was announced once, when it was created, and not again.
        await fixture.Events.WaitForAsync<DepartmentChanged>(e => e.DepartmentId == Guid.Parse(known.Id));
        Assert.Single(fixture.Events.Received<DepartmentChanged>(), e => e.Message.DepartmentId == Guid.Parse(known.Id));
    }

    [Fact]
    public async Task ADepartmentAnItemNamesCannotBeDeletedButAnUnusedOneCan()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client, municipality: "35210");
        var item = (await fixture.Client.CreateItemAsync(scenario.CommunityCentreItem())).Item;
        var unused = (await fixture.Client.CreateDepartmentAsync(
            new CreateDepartmentRequest { MunicipalityCode = "35210", Name = "広報広聴課" })).Department;

        var inUse = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => fixture.Client.DeleteDepartmentAsync(new DeleteDepartmentRequest { Id = item.Departments[1].Id }).ResponseAsync);
        await fixture.Client.DeleteDepartmentAsync(new DeleteDepartmentRequest { Id = unused.Id });

        Assert.Equal("DEPARTMENT_IN_USE", inUse.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        var remaining = (await fixture.Client.ListDepartmentsAsync(new ListDepartmentsRequest { MunicipalityCode = "35210" })).Departments;
        Assert.Equal(["協働推進課", "生涯学習課", "行革推進課"], remaining.Select(d => d.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ARedefinedIndicatorKeepsItsTargetsAndActuals()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client);
        var request = scenario.CommunityCentreItem();
        request.Indicators.Add(new IndicatorInput
        {
            Kind = IndicatorKind.Activity, Name = "設置数", Unit = "館", Direction = IndicatorDirection.HigherIsBetter,
            Targets = { new YearValueInput { FiscalYear = "H21", Value = "21" } },
            Actuals = { new YearValueInput { FiscalYear = "H21", Value = "18" } },
        });
        var created = (await fixture.Client.CreateItemAsync(request)).Item;
        var indicator = created.Indicators.Single();

        var redefined = (await fixture.Client.UpdateIndicatorAsync(new UpdateIndicatorRequest
        {
            IndicatorId = indicator.Id, ItemVersion = created.Version,
            Indicator = new IndicatorInput
            {
                Kind = IndicatorKind.Outcome, Name = "地域交流センター設置数", Unit = "箇所",
                Direction = IndicatorDirection.HigherIsBetter, BaselineValue = "0", BaselineFiscalYear = "H19"
            },
        })).Indicator;

        Assert.Equal((IndicatorKind.Outcome, "地域交流センター設置数", "箇所", "0", 2007),
            (redefined.Kind, redefined.Name, redefined.Unit, redefined.BaselineValue, redefined.BaselineFiscalYear));
        Assert.Equal("2009:21", $"{redefined.Targets.Single().FiscalYear}:{redefined.Targets.Single().Value}");
        Assert.Equal("2009:18", $"{redefined.Actuals.Single().FiscalYear}:{redefined.Actuals.Single().Value}");
    }
}
