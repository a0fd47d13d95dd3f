using Kyodo.Contracts.Subsidy;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Idempotency;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Subsidy.Data;
using Kyodo.Subsidy.Domain;
using Kyodo.Subsidy.Grpc;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Money;

/// <summary>
/// How a <see cref="MoneyStep"/> ends, each in one short transaction of this database that locks
/// the application row first (so a call confirming a step and the recoverer undoing it cannot both
/// act) and holds nothing while the budget service is asked. The ends that the budget service must
/// learn of without a call travel through the outbox, addressed to it (AwardAbandoned,
/// SettlementRecorded). An end, once begun, runs to its end even if the call that began it is
/// cancelled (no cancellation token): a step half-ended is what this exists to avoid. An end that
/// carries the step out (an award confirmed, a settlement recorded, by the call or the recoverer)
/// stores the answer owed to the call's request_id in its transaction; an award undone stores none.
/// </summary>
public sealed class MoneySteps(SubsidyDbContext db, TimeProvider clock)
{
    /// <summary>Records the award the budget service reserved money for; null when the step is gone (undone meanwhile: its money is
    /// released).</summary>
    public Task<Application?> ConfirmAwardAsync(Guid stepId, Guid reservationId) =>
        EndAsync(stepId, skipLocked: false, (step, application) =>
        {
            application.Award(step.AmountYen, reservationId, step.By, clock.GetUtcNowForStorage(), step.Comment);
            return CarriedOutAsync(application);
        });

    /// <summary>
    /// Undoes an award whose reservation may or may not have been made (its answer was lost): the
    /// application stays as it was and the budget service is told to release whatever it reserved
    /// under the step's key, or to refuse that key from now on.
    /// </summary>
    public Task AbandonAwardAsync(Guid stepId) => EndAsync(stepId, skipLocked: false, (step, _) => Abandon(step));

    /// <summary>Forgets a step the budget service refused: it wrote nothing, so there is nothing to undo.</summary>
    public Task ForgetAsync(Guid stepId) => EndAsync(stepId, skipLocked: false, (_, _) => Task.FromResult(false));

    /// <summary>
    /// Records the settlement; when the budget service's Commit did not answer (<paramref name="committed"/>
    /// false), its commit is sent to it, to apply once under the same key. Returns the application as it
    /// stands after: settled, by this or by the recoverer before it.
    /// </summary>
    public async Task<Application> FinishSettlementAsync(Guid stepId, Guid applicationId, bool committed) =>
        await EndAsync(stepId, skipLocked: false, (step, application) => SettleAsync(step, application, committed))
        ?? await db.Applications.AsNoTracking().SingleAsync(a => a.Id == applicationId);

    /// <summary>
    /// Ends a step no call will end any more (left behind by a crash or a lost answer): an award is
    /// undone, a settlement finished. False when the step is gone, or a call holds its application now
    /// (then it is that call's to end, or the next round's).
    /// </summary>
    public async Task<bool> RecoverAsync(Guid stepId) => await EndAsync(stepId, skipLocked: true, EndLeftBehindAsync) is not null;

    /// <summary>
    /// Ends the application's step if it was started before <paramref name="startedBefore"/> (left behind), in a
    /// transaction of its own, as the recoverer would. A call retried with its request_id does this before it
    /// starts: a settlement the first call left behind is finished and stores its answer, which the retry then
    /// hears, where ending it in the retry's transaction would be undone with the retry's refusal (settled already).
    /// </summary>
    public async Task RecoverLeftBehindAsync(Guid applicationId, DateTimeOffset startedBefore)
    {
        var leftBehind = await db.MoneySteps.Where(s => s.ApplicationId == applicationId && s.StartedAt < startedBefore)
            .Select(s => (Guid?)s.Id).SingleOrDefaultAsync();
        if (leftBehind is { } stepId) await RecoverAsync(stepId);
    }

    /// <summary>As <see cref="RecoverAsync"/>, in the caller's transaction, which has locked <paramref name="application"/>.</summary>
    public async Task RecoverInCallerTransactionAsync(MoneyStep step, Application application)
    {
        db.MoneySteps.Remove(step);
        if (await EndLeftBehindAsync(step, application)) await AnswerAsync(step, application);
    }

    private Task<bool> EndLeftBehindAsync(MoneyStep step, Application application) =>
        step.Kind == MoneyStepKind.Award ? Abandon(step) : SettleAsync(step, application, committed: false);

    /// <returns>False: the award is undone, and no answer is owed (a retry of its call awards afresh).</returns>
    private Task<bool> Abandon(MoneyStep step)
    {
        db.AddIntegrationEvent(new AwardAbandoned(Guid.NewGuid(), clock.GetUtcNowForStorage(), step.MunicipalityCode, step.ApplicationId,
            step.BudgetLineId!.Value, step.BudgetKey));
        return Task.FromResult(false);
    }

    private async Task<bool> SettleAsync(MoneyStep step, Application application, bool committed)
    {
        var now = clock.GetUtcNowForStorage();
        application.Settle(step.AmountYen, step.By, now, step.Comment);
        await CarriedOutAsync(application);
        if (!committed)
            db.AddIntegrationEvent(new SettlementRecorded(Guid.NewGuid(), now, step.MunicipalityCode, step.ApplicationId,
                step.ReservationId!.Value, step.BudgetKey, step.AmountYen));
        return true;
    }

    /// <summary>The step's change made: its event queued. True: the call that started the step is answered with the application.</summary>
    private async Task<bool> CarriedOutAsync(Application application)
    {
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == application.ProgramId);
        var applicant = await db.Applicants.AsNoTracking().SingleAsync(a => a.Id == application.ApplicantId);
        db.AddIntegrationEvent(application.LatestStep(program, program.Courses.Single(c => c.Id == application.CourseId), applicant));
        return true;
    }

    /// <summary>
    /// Stores the answer owed to the step's request_id, if it carried one: the application as the step left it,
    /// as the call answers (Award, Settle). Saved first, so the answer holds the application's new version.
    /// </summary>
    private async Task AnswerAsync(MoneyStep step, Application application)
    {
        if (step.Owed() is not { } owed) return;
        await db.SaveChangesAsync();
        db.Set<IdempotencyRecord>()
            .Add(owed.With(new V1.ApplicationResponse { Application = application.ToMessage() }, clock.GetUtcNowForStorage()));
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// One transaction: the step's application locked (or, with <paramref name="skipLocked"/>, passed over
    /// while another holds it), the step read under that lock, <paramref name="end"/> applied (true when it
    /// carried the step out: then the answer owed to the step's request_id is stored) and the step removed with it. Null when the step is
    /// gone (ended already) or was passed over.
    /// </summary>
    private async Task<Application?> EndAsync(Guid stepId, bool skipLocked, Func<MoneyStep, Application, Task<bool>> end)
    {
        db.ChangeTracker.Clear(); // what the call read before is of another transaction: read it again under the lock
        await using var transaction = await db.Database.BeginTransactionAsync();
        var applicationId = await db.MoneySteps.Where(s => s.Id == stepId).Select(s => (Guid?)s.ApplicationId).SingleOrDefaultAsync();
        if (applicationId is null) return null;
        var locked = skipLocked
            ? await db.Database.SqlQuery<Guid>(
                $"SELECT id AS \"Value\" FROM applications WHERE id = {applicationId} FOR UPDATE SKIP LOCKED").ToListAsync()
            : await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM applications WHERE id = {applicationId} FOR UPDATE")
                .ToListAsync();
        if (locked.Count == 0) return null;
        var step = await db.MoneySteps.SingleOrDefaultAsync(s => s.Id == stepId);
        if (step is null) return null; // ended while this waited for the lock
        var application = await db.Applications.SingleAsync(a => a.Id == applicationId);
        var carriedOut = await end(step, application);
        db.MoneySteps.Remove(step);
        if (carriedOut) await AnswerAsync(step, application);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return application;
    }
}
