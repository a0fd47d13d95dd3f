using Kyodo.Plan.Data;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

// The writes that row-lock a plan or department before reading it look only at the caller's own
// municipality's rows: a call naming another city's plan or department answers as for a missing
// one without waiting on that row's lock (nor taking it) while the other city writes.
public sealed class ForeignRowLockTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    private const string Home = "99131";
    private const string Foreign = "99132";

    [Fact]
    public async Task ACallNamingAnotherCitysPlanOrDepartmentNeitherWaitsOnItsLockNorChangesIt()
    {
        var foreign = await YamaguchiScenario.CreateAsync(fixture.Client, Foreign);
        var department = (await fixture.Client.CreateDepartmentAsync(
            new CreateDepartmentRequest { MunicipalityCode = Foreign, Name = "協働推進課" })).Department;
        var admin = new PlanService.PlanServiceClient(fixture.Service.ChannelAs(TestAuth.UserToken(Home, KyodoRoles.Admin)));
        var (planId, departmentId) = (Guid.Parse(foreign.Plan.Id), Guid.Parse(department.Id));

        // The test plays the other city's write in progress, holding both rows.
        await using var other = fixture.OpenDatabase();
        await using var watcher = fixture.OpenDatabase();
        await using (var write = await other.Database.BeginTransactionAsync())
        {
            await other.Database.ExecuteSqlAsync($"SELECT 1 FROM plans WHERE id = {planId} FOR UPDATE");
            await other.Database.ExecuteSqlAsync($"SELECT 1 FROM departments WHERE id = {departmentId} FOR UPDATE");
            var holder = await LockWaits.HolderAsync(other);

            await AnswersWithoutWaitingAsync(watcher, holder,
                () => AccessAssert.LikeMissing("UpdatePlan", foreign.Plan.Id, id => admin.UpdatePlanAsync(new UpdatePlanRequest
                { Id = id, Version = foreign.Plan.Version, Name = "奪取", StartFiscalYear = "2008", EndFiscalYear = "2009" }).ResponseAsync));
            await AnswersWithoutWaitingAsync(watcher, holder, () => AccessAssert.LikeMissing("CreateItem.plan_id", foreign.Plan.Id, id =>
            {
                var request = foreign.CommunityCentreItem();
                request.PlanId = id;
                return admin.CreateItemAsync(request).ResponseAsync;
            }));
            await AnswersWithoutWaitingAsync(watcher, holder, () => AccessAssert.LikeMissing("DeleteDepartment", department.Id, id =>
                admin.DeleteDepartmentAsync(new DeleteDepartmentRequest { Id = id }).ResponseAsync));
            await write.RollbackAsync();
        }

        Assert.Equal(foreign.Plan, (await fixture.Client.GetPlanAsync(new GetPlanRequest { Id = foreign.Plan.Id })).Plan);
        await using var db = fixture.OpenDatabase();
        Assert.True(await db.Departments.AnyAsync(d => d.Id == departmentId));
        Assert.False(await db.Items.AnyAsync(i => i.PlanId == planId));
    }

    /// <summary>
    /// Runs <paramref name="call"/> while this test's transaction (backend <paramref name="holder"/>)
    /// holds the rows: it must finish on its own. A backend waiting on the holder means the call
    /// reached a held row (another test's lock waits do not count).
    /// </summary>
    private static async Task AnswersWithoutWaitingAsync(PlanDbContext watcher, int holder, Func<Task> call)
    {
        var answered = call();
        for (var attempt = 0; attempt < 600 && !answered.IsCompleted; attempt++)
        {
            Assert.True(await LockWaits.BlockedByAsync(watcher, holder) == 0,
                "A call naming another municipality's row waited on that row's lock.");
            await Task.Delay(50);
        }
        await answered;
    }
}
