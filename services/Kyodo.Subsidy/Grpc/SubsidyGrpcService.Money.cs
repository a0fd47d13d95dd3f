using Grpc.Core;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Idempotency;
using Kyodo.Subsidy.Budgets;
using Kyodo.Subsidy.V1;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Grpc;

/// <summary>
/// The two steps that move money in the budget service, award and settlement, each in three parts
/// so that no transaction or lock of this database is held while the budget service answers:
/// the step is recorded (Domain.MoneyStep, committed), the budget service is called, and the step
/// ends in one more short transaction (Money.MoneySteps). A crash or a lost answer anywhere leaves
/// the step for the recoverer, which undoes an award and finishes a settlement; either way the
/// application and the money end in agreement.
/// A call's request_id is kept with its step (RequestIds.Owe), and its answer stored where the step ends:
/// by the call when it confirms or records the step, by the recoverer when it finishes a settlement. A retry
/// of an award that was undone finds no answer and awards afresh.
/// </summary>
public sealed partial class SubsidyGrpcService
{
    /// <summary>
    /// Awards the application and reserves the money. Answers the awarded application, as before; when
    /// the budget service refuses (BUDGET_EXHAUSTED, PERMISSION_DENIED …) that refusal, nothing
    /// changed; when it does not answer, UNAVAILABLE: the application stays under review and whatever
    /// the budget service may have reserved is released (it is told through the outbox).
    /// </summary>
    public override async Task<ApplicationResponse> Award(AwardRequest request, ServerCallContext context)
    {
        ValidateStep(request.ApplicationId, request.Comment, out var id,
            v => v.Check(request.AmountYen > 0, "amount_yen", SharedMessages.MoreThanZeroYen));
        var ct = context.CancellationToken;
        await LearnOwnersAsync(id, context);
        var owed = await OweAnswerAsync(id);

        var (step, purpose) = await StartAwardAsync(id, request, owed, context);
        await failpoints.ReachedAsync("subsidy.award.started");

        Guid reservationId;
        try
        {
            reservationId = await budget.ReserveAsync(step.BudgetKey, step.BudgetLineId!.Value, step.AmountYen, purpose, ct);
        }
        catch (Exception ex) when (BudgetAnswers.IsRefusal(ex))
        {
            await moneySteps.ForgetAsync(step.Id); // the budget service wrote nothing
            throw;
        }
        catch (Exception ex)
        {
            await moneySteps.AbandonAwardAsync(step.Id);
            throw new DependencyUnavailableException(
                SubsidyErrors.ReservationUnanswered(ex.GetBaseException().Message), ex);
        }
        await failpoints.ReachedAsync("subsidy.award.reserved");

        var awarded = await moneySteps.ConfirmAwardAsync(step.Id, reservationId)
            ?? throw new DependencyUnavailableException(
                SubsidyErrors.AwardUndone(id, moneyStepOptions.Value.LeftBehindAfter.TotalSeconds));
        await failpoints.ReachedAsync("subsidy.award.confirmed");
        return new ApplicationResponse { Application = awarded.ToMessage() };
    }

    /// <summary>
    /// Settles the application and commits the money. Answers the settled application; when the budget
    /// service refuses, that refusal, nothing changed; when it does not answer, the settlement is recorded
    /// all the same and the budget service is sent its commit through the outbox, to apply once.
    /// </summary>
    public override async Task<ApplicationResponse> Settle(SettleRequest request, ServerCallContext context)
    {
        ValidateStep(request.ApplicationId, request.Comment, out var id,
            v => v.Check(request.SettledYen >= 0, "settled_yen", SharedMessages.MustNotBeNegative));
        var ct = context.CancellationToken;
        await LearnOwnersAsync(id, context);
        var owed = await OweAnswerAsync(id);

        var step = await StartMoneyStepAsync(id, context, (application, _) =>
        {
            application.EnsureMaySettle(request.SettledYen);
            return Task.FromResult(Domain.MoneyStep.Settle(Guid.CreateVersion7(), application, request.SettledYen, context.Actor(),
                request.Comment, clock.GetUtcNowForStorage(), owed));
        });
        await failpoints.ReachedAsync("subsidy.settle.started");

        var committed = true;
        try
        {
            // Commits the settled amount and releases the rest of the award.
            await budget.CommitAsync(step.BudgetKey, step.ReservationId!.Value, step.AmountYen, ct);
        }
        catch (Exception ex) when (BudgetAnswers.IsRefusal(ex))
        {
            await moneySteps.ForgetAsync(step.Id);
            throw;
        }
        catch (Exception)
        {
            committed = false; // perhaps committed, perhaps not: the budget service is sent the commit to apply once
        }
        await failpoints.ReachedAsync("subsidy.settle.committed");

        var settled = await moneySteps.FinishSettlementAsync(step.Id, id, committed);
        return new ApplicationResponse { Application = settled.ToMessage() };
    }

    /// <summary>Records an award as started: checked against the course's rules and the once-per-group rule, the line of its year
    /// named.</summary>
    private async Task<(Domain.MoneyStep Step, string Purpose)> StartAwardAsync(Guid id, AwardRequest request, OwedAnswer? owed,
        ServerCallContext context)
    {
        var purpose = "";
        var step = await StartMoneyStepAsync(id, context, async (application, parties) =>
        {
            var (program, course, applicant) = parties;
            application.EnsureIn("award", Domain.ApplicationStatus.UnderReview);
            Domain.AwardRules.Check(application, course, request.AmountYen);
            if (course.OncePerApplicant) await EnsureFirstAwardInCourseAsync(application, course, applicant, context.CancellationToken);
            var lineId = program.BudgetLineToAwardFrom(application.FiscalYear);
            purpose = $"subsidy application {application.Id} ({program.Name} {course.Name})";
            return Domain.MoneyStep.Award(Guid.CreateVersion7(), application, lineId, request.AmountYen, context.Actor(), request.Comment,
                clock.GetUtcNowForStorage(), owed);
        });
        return (step, purpose);
    }

    /// <summary>
    /// The answer this call owes to its request_id (null without one), to keep with its step. A retry may follow
    /// a first call whose step was left behind (a crash): that step is ended first, in a transaction of its own,
    /// so a settlement finished there stores the first answer, which the retry hears when its own start is refused.
    /// </summary>
    private async Task<OwedAnswer?> OweAnswerAsync(Guid applicationId)
    {
        if (requestIds.Owe() is not { } owed) return null;
        await moneySteps.RecoverLeftBehindAsync(applicationId, clock.GetUtcNowForStorage() - moneyStepOptions.Value.LeftBehindAfter);
        return owed;
    }

    /// <summary>
    /// One group, one award per course (1団体各コース1回まで): awards made and awards being made both count.
    /// Serialised per group and course until the transaction ends, so of two racing awards exactly one
    /// sees no other.
    /// </summary>
    private async Task EnsureFirstAwardInCourseAsync(Domain.Application application, Domain.Course course, Domain.Applicant applicant,
        CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"SELECT pg_advisory_xact_lock(hashtextextended({course.Id.ToString() + application.ApplicantId}, 0))", ct);
        var others =
            db.Applications.Where(a => a.CourseId == course.Id && a.ApplicantId == application.ApplicantId && a.Id != application.Id);
        var holding = Domain.Application.AwardHoldingStatuses;
        if (await others.AnyAsync(a => holding.Contains(a.Status), ct)
            || await db.MoneySteps.AnyAsync(s => s.Kind == Domain.MoneyStepKind.Award && others.Any(a => a.Id == s.ApplicationId), ct))
            throw Domain.AwardRules.AlreadyAwarded(course, applicant);
    }

    /// <summary>
    /// The first part of a money step, in one transaction: the application locked, no other step of it
    /// in flight, the caller's rights on it checked, <paramref name="start"/> checking the rules and
    /// naming the step, the step committed.
    /// </summary>
    private async Task<Domain.MoneyStep> StartMoneyStepAsync(Guid id, ServerCallContext context,
        Func<Domain.Application, (Domain.SubsidyProgram, Domain.Course, Domain.Applicant), Task<Domain.MoneyStep>> start)
    {
        var ct = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var application = await LockApplicationAsync(id, context);
        await EnsureNoMoneyStepAsync(application);
        var parties = await PartiesOfAsync(application, context);
        var step = await start(application, parties);
        db.MoneySteps.Add(step);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return step;
    }

    /// <summary>
    /// Under the application's lock: ABORTED while an award or settlement of it is in flight; one left
    /// behind (a crash, a lost answer) is ended first, as the recoverer would, and the call goes on.
    /// </summary>
    private async Task EnsureNoMoneyStepAsync(Domain.Application application)
    {
        if (await db.MoneySteps.SingleOrDefaultAsync(s => s.ApplicationId == application.Id) is not { } inFlight) return;
        if (!inFlight.IsLeftBehind(clock.GetUtcNow(), moneyStepOptions.Value.LeftBehindAfter))
            throw new ConcurrencyConflictException(
                SubsidyErrors.MoneyStepInProgress(inFlight.Kind, application.Id, inFlight.StartedAt));
        await moneySteps.RecoverInCallerTransactionAsync(inFlight, application);
    }
}
