using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.Deadlines;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.Plan.Tests;

/// <summary>Reporting deadlines: what is overdue per department, and one ActualsOverdue per passed deadline.</summary>
public sealed class DeadlineTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    [Fact]
    public async Task OnceADeadlinePassesTheIndicatorsWithoutAnApprovedActualAreListedUnderTheirDepartments()
    {
        var world = await KomoroEvaluationWorld.CreateAsync(fixture, "20321");
        await world.Admin("kikaku-kacho").SetReportingDeadlineAsync(
            new SetReportingDeadlineRequest { PlanId = world.Plan.Id, FiscalYear = "令和元年度", DueDate = "2020-05-31" });
        // 協働推進課's actual is official; 企画課's is only submitted.
        var other = world.Other.Indicators.Single();
        await fixture.Client.RecordActualAsync(
            new RecordActualRequest { IndicatorId = other.Id, FiscalYear = "2019", Value = "100", ItemVersion = world.Other.Version });
        await world.Editor.RecordActualAsync(new RecordActualRequest
        {
            IndicatorId = world.SupportIndicator, FiscalYear = "2019",
            Value = "280", ItemVersion = world.Support.Version
        });

        var onTheDay = await fixture.Client.ListOverdueActualsAsync(
            new ListOverdueActualsRequest { MunicipalityCode = world.Municipality, AsOfDate = "2020-05-31" });
        Assert.Empty(onTheDay.Departments);
        var after = await fixture.Client.ListOverdueActualsAsync(
            new ListOverdueActualsRequest { MunicipalityCode = world.Municipality, AsOfDate = "2020-06-01" });
        var planning = after.Departments.Single();
        Assert.Equal("企画課", planning.Department.Name);
        var overdue = planning.Actuals.Single();
        Assert.Equal((world.Support.Id, "活動団体・ボランティアの紹介数", 2019, "2020-05-31", ReviewStatus.Submitted),
            (overdue.ItemId, overdue.IndicatorName, overdue.FiscalYear, overdue.DueDate, overdue.Status));
        Assert.Empty((await fixture.Client.ListOverdueActualsAsync(new ListOverdueActualsRequest
        { MunicipalityCode = world.Municipality, AsOfDate = "2020-06-01", DepartmentId = world.Collaboration.ToString() })).Departments);

        var bad = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => fixture.Client.SetReportingDeadlineAsync(new SetReportingDeadlineRequest
            { PlanId = world.Plan.Id, FiscalYear = "R4", DueDate = "2020/05/31" }).ResponseAsync);
        Assert.Equal(["due_date"], RpcAssert.FieldViolations(bad).Keys); // the date is read first; the year needs the plan
        await AccessAssert.Denied("SetReportingDeadline", () => world.Editor.SetReportingDeadlineAsync(new SetReportingDeadlineRequest
        { PlanId = world.Plan.Id, FiscalYear = "2020", DueDate = "2021-05-31" }).ResponseAsync);
    }

    [Fact]
    public async Task APassedDeadlineIsAnnouncedOnceEvenWhenTwoInstancesCheckAtTheSameTimeAndAgainWhenItMoves()
    {
        var world = await KomoroEvaluationWorld.CreateAsync(fixture, "20322");
        await fixture.Client.SetReportingDeadlineAsync(
            new SetReportingDeadlineRequest { PlanId = world.Plan.Id, FiscalYear = "2019", DueDate = "2020-05-31" });

        // Two plan instances' checks, each with its own connection, racing for the same rows (the
        // service's own background check may be a third).
        async Task<int> CheckAsync()
        {
            await using var scope = fixture.Service.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DeadlineCheck>().RunOnceAsync(CancellationToken.None);
        }
        await Task.WhenAll(CheckAsync(), CheckAsync());
        await Task.WhenAll(CheckAsync(), CheckAsync());

        var (announced, _) = await fixture.Events.WaitForAsync<ActualsOverdue>(e => e.PlanId == Guid.Parse(world.Plan.Id));
        Assert.Equal((2019, new DateOnly(2020, 5, 31)), (announced.FiscalYear, announced.DueDate));
        Assert.Equal(["企画課 活動団体・ボランティアの紹介数 Missing", "協働推進課 集会施設等補助金の要望に対する交付率 Missing"],
            announced.Missing.Select(m => $"{m.DepartmentName} {m.IndicatorName} {m.Status}").Order());
        Assert.Equal(1, await OverdueOutboxRowsAsync(world.Plan.Id));
        var deadline = (await fixture.Client.ListReportingDeadlinesAsync(
            new ListReportingDeadlinesRequest { PlanId = world.Plan.Id })).Deadlines.Single();
        Assert.NotNull(deadline.CheckedAt);

        await fixture.Client.SetReportingDeadlineAsync(
            new SetReportingDeadlineRequest { PlanId = world.Plan.Id, FiscalYear = "2019", DueDate = "2020-06-30" });
        await Task.WhenAll(CheckAsync(), CheckAsync());
        Assert.Equal(2, await OverdueOutboxRowsAsync(world.Plan.Id));
    }

    private async Task<int> OverdueOutboxRowsAsync(string planId)
    {
        await using var db = fixture.OpenDatabase();
        var payloads =
            await db.Set<OutboxMessage>().Where(m => m.MessageType == typeof(ActualsOverdue).FullName).Select(m => m.Payload).ToListAsync();
        return payloads.Count(p => p.Contains(planId, StringComparison.Ordinal));
    }
}
