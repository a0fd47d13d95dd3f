using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Subsidy;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Tests;

// An award and a settlement move money in the budget service as steps recorded first, so that no
// transaction waits on the budget service and a crash or a lost answer leaves a step to end: an
// award is undone, a settlement finished. (CrashRecoveryTests kill real processes at each point.)
public sealed class MoneyStepTests(SubsidySystemFixture system) : IClassFixture<SubsidySystemFixture>
{
    private const string Home = "99331";

    private async Task<Domain.Application> StoredAsync(string applicationId)
    {
        await using var db = system.OpenDatabase();
        return await db.Applications.AsNoTracking().SingleAsync(a => a.Id == Guid.Parse(applicationId));
    }

    /// <summary>
    /// Records a step as a call that started it and then crashed would have left it, <paramref name="startedAgo"/>
    /// ago; <paramref name="before"/> does what that call did before crashing (the recoverer may end the step at once).
    /// </summary>
    private async Task<Domain.MoneyStep> LeaveStepAsync(string applicationId,
        Func<Domain.Application, DateTimeOffset, Domain.MoneyStep> step, TimeSpan startedAgo, Func<Domain.MoneyStep, Task>? before = null)
    {
        await using var db = system.OpenDatabase();
        var application = await db.Applications.SingleAsync(a => a.Id == Guid.Parse(applicationId));
        var left = step(application, DateTimeOffset.UtcNow - startedAgo);
        if (before is not null) await before(left);
        db.MoneySteps.Add(left);
        await db.SaveChangesAsync();
        return left;
    }

    private async Task<bool> StepGoneAsync(Guid stepId)
    {
        await using var db = system.OpenDatabase();
        return !await db.MoneySteps.AnyAsync(s => s.Id == stepId);
    }

    private async Task<Kyodo.ServiceDefaults.Idempotency.IdempotencyRecord?> BudgetKeyAsync(string key)
    {
        await using var db = system.OpenBudgetDatabase();
        return await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.MunicipalityCode == Home && r.Key == key);
    }

    [Fact]
    public async Task TheRecovererUndoesAnAwardLeftBehindAfterItsReservationAndTheBudgetReleasesTheMoney()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, 1_000_000, municipality: Home);
        var application = await komoro.ApplyAndReviewAsync(system, komoro.Challenge, 200_000);
        // Crashed after the budget service reserved, before the award was recorded.
        ReserveResponse reserved = null!;
        var step = await LeaveStepAsync(application.Id,
            (a, at) => Domain.MoneyStep.Award(Guid.CreateVersion7(), a, Guid.Parse(komoro.BudgetLineId), 200_000, "editor@99331", "", at),
            TimeSpan.FromHours(1), async left => reserved = await system.Budgets.ReserveAsync(new ReserveRequest
            { IdempotencyKey = left.BudgetKey, BudgetLineId = komoro.BudgetLineId, AmountYen = 200_000, Purpose = "award" }));

        await Eventually.ReachesAsync(() => StepGoneAsync(step.Id), gone => gone, "the step ended");
        var held = await Eventually.ReachesAsync(
            () => system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = komoro.BudgetLineId }).ResponseAsync,
            h => h.ReservedYen == 0, "the reservation released");

        Assert.Equal((reserved.Reservation.Id, ReservationStatus.Released),
            (held.Reservations.Single().Id, held.Reservations.Single().Status));
        var stored = await StoredAsync(application.Id);
        Assert.Equal((Domain.ApplicationStatus.UnderReview, (Guid?)null, 2),
            (stored.Status, stored.ReservationId, stored.Transitions.Count));
        // Asked again, it is awarded afresh under a key of its own.
        var awarded =
            (await system.Subsidies.AwardAsync(new AwardRequest { ApplicationId = application.Id, AmountYen = 200_000 })).Application;
        Assert.Equal(ApplicationStatus.Awarded, awarded.Status);
        Assert.NotEqual(reserved.Reservation.Id, awarded.ReservationId);
    }

    [Fact]
    public async Task AnAwardLeftBehindBeforeItsReservationClosesItsKeySoALateReserveHoldsNothing()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, 1_000_000, municipality: Home);
        var application = await komoro.ApplyAndReviewAsync(system, komoro.Challenge, 200_000);
        var step = await LeaveStepAsync(application.Id,
            (a, at) => Domain.MoneyStep.Award(Guid.CreateVersion7(), a, Guid.Parse(komoro.BudgetLineId), 200_000, "editor@99331", "", at),
            TimeSpan.FromHours(1));

        await Eventually.ReachesAsync(() => StepGoneAsync(step.Id), gone => gone, "the step ended");
        await Eventually.ReachesAsync(() => BudgetKeyAsync(step.BudgetKey), r => r is not null, "the key closed in the budget service");

        // The Reserve that was on its way arrives now: refused, nothing held.
        var late = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => system.Budgets.ReserveAsync(new ReserveRequest
        { IdempotencyKey = step.BudgetKey, BudgetLineId = komoro.BudgetLineId, AmountYen = 200_000, Purpose = "award" }).ResponseAsync);
        Assert.Equal("RESERVATION_ABANDONED", late.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Reason);
        Assert.Empty(
            (await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = komoro.BudgetLineId })).Reservations);
        Assert.Equal(Domain.ApplicationStatus.UnderReview, (await StoredAsync(application.Id)).Status);
    }

    [Fact]
    public async Task TheRecovererFinishesASettlementLeftBehindAndTheBudgetCommitsItOnce()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, 1_000_000, municipality: Home);
        var application = await komoro.AwardedAsync(system, komoro.Challenge, 200_000, reported: true);
        var step = await LeaveStepAsync(application.Id,
            (a, at) => Domain.MoneyStep.Settle(Guid.CreateVersion7(), a, 150_000, "editor@99331", "実績額で確定", at), TimeSpan.FromHours(1));

        await Eventually.ReachesAsync(() => StepGoneAsync(step.Id), gone => gone, "the step ended");
        var held = await Eventually.ReachesAsync(
            () => system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = komoro.BudgetLineId }).ResponseAsync,
            h => h.CommittedYen > 0, "the commit applied");

        Assert.Equal((0L, 150_000L, 850_000L), (held.ReservedYen, held.CommittedYen, held.AvailableYen));
        var stored = await StoredAsync(application.Id);
        Assert.Equal((Domain.ApplicationStatus.Settled, 150_000L), (stored.Status, stored.SettledYen));
        Assert.Equal(("editor@99331", "実績額で確定"), (stored.Transitions[^1].By, stored.Transitions[^1].Comment));
        await system.Events.WaitForAsync<ApplicationStatusChanged>(e => e.ApplicationId == stored.Id && e.To == "Settled");
        // The commit was applied from the step's key: a Commit the settlement call had made with it would have been found, not repeated.
        Assert.Equal("Commit", (await BudgetKeyAsync(step.BudgetKey))!.Operation);
    }

    [Fact]
    public async Task WhileAnAwardIsInFlightTheApplicationTakesNoOtherStepAndOneLeftBehindIsEndedByTheNextStep()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, 1_000_000, municipality: Home);
        var application = await komoro.ApplyAndReviewAsync(system, komoro.Challenge, 200_000);
        var inFlight = await LeaveStepAsync(application.Id,
            (a, at) => Domain.MoneyStep.Award(Guid.CreateVersion7(), a, Guid.Parse(komoro.BudgetLineId), 200_000, "editor@99331", "", at),
            TimeSpan.Zero);

        var rejected = await RpcAssert.FailsWith(StatusCode.Aborted,
            () => system.Subsidies.RejectAsync(new TransitionRequest { ApplicationId = application.Id }).ResponseAsync);
        Assert.Contains("in progress", rejected.Status.Detail);
        await RpcAssert.FailsWith(StatusCode.Aborted,
            () => system.Subsidies.AwardAsync(new AwardRequest { ApplicationId = application.Id, AmountYen = 100_000 }).ResponseAsync);
        Assert.Equal(Domain.ApplicationStatus.UnderReview, (await StoredAsync(application.Id)).Status);

        // Started so long ago that no call can still end it: the next step ends it (undoes the award) and goes on.
        await using (var db = system.OpenDatabase())
            await db.Database.ExecuteSqlAsync(
                $"UPDATE money_steps SET started_at = started_at - interval '1 hour' WHERE id = {inFlight.Id}");
        var afterwards = (await system.Subsidies.RejectAsync(
            new TransitionRequest { ApplicationId = application.Id, Comment = "要件を満たさない" })).Application;

        Assert.Equal(ApplicationStatus.Rejected, afterwards.Status);
        Assert.True(await StepGoneAsync(inFlight.Id));
        await Eventually.ReachesAsync(() => BudgetKeyAsync(inFlight.BudgetKey), r => r is not null,
            "the abandoned award's key closed in the budget service");
    }
}
