using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Contracts;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Subsidy;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Kyodo.Subsidy.Tests;

// An award or a settlement crosses two services; a crash at any point must end with the application
// and its money in agreement: the award and its reservation both present or both absent, a settlement
// and its commit both made, the commit once; a retry with the call's request_id answers the step as it
// ended (the award made, the settlement the recoverer finished) or, an award undone, awards afresh. Each test arms a failpoint in the
// budget or the subsidy
// process, makes the call, SIGKILLs the process where it paused, starts it again, and reads what both
// databases hold, their outboxes, and what was published. Bounded: 8 minutes a test at most. The class
// takes about as long as its process starts and the 40 s after which subsidy ends a step a crash left
// behind: measured on the 2-core VM, 5.5 minutes at a load average of 20–40 (each start 5–20 s), 24
// minutes at 80–100 (each start 40–100 s).
public sealed class CrashRecoveryTests : IClassFixture<ProcessSystemFixture>
{
    private const int Bounded = 480_000;
    private static readonly TimeSpan Recovery = ProcessSystemFixture.LeftBehindAfter + TimeSpan.FromSeconds(120);

    private readonly ProcessSystemFixture system;
    private readonly ITestOutputHelper output;
    private readonly DateTime began = DateTime.UtcNow;

    public CrashRecoveryTests(ProcessSystemFixture system, ITestOutputHelper output)
    {
        this.system = system;
        this.output = output;
        system.Budget.Log = system.Subsidy.Log = Say;
    }

    /// <summary>Where the time goes, in the test's output.</summary>
    private void Say(string what) => output.WriteLine($"{(DateTime.UtcNow - began).TotalSeconds,6:0.0} s  {what}");

    /// <summary>Both processes running with no failpoint armed, whatever an earlier test left; an application of the class's program under
    /// review.</summary>
    private async Task<Application> UnderReviewAsync()
    {
        await system.Budget.EnsureRunningAsync();
        await system.Subsidy.EnsureRunningAsync();
        var komoro = await system.ProgramAsync();
        return await komoro.ApplyAndReviewAsync(system, komoro.Challenge, 200_000);
    }

    private async Task<(Application Application, Guid Reservation)> ReportedAsync()
    {
        var application = await UnderReviewAsync();
        await Award(application);
        var reported = (await system.Subsidies.ReportResultsAsync(new TransitionRequest { ApplicationId = application.Id })).Application;
        return (reported, Guid.Parse(reported.ReservationId));
    }

    private Task<ApplicationResponse> Award(Application application) =>
        system.Subsidies.AwardAsync(
            new AwardRequest { ApplicationId = application.Id, AmountYen = 200_000, Comment = "審査会で採択" }).ResponseAsync;

    private Task<ApplicationResponse> Settle(Application application) =>
        system.Subsidies.SettleAsync(
            new SettleRequest { ApplicationId = application.Id, SettledYen = 150_000, Comment = "実績額で確定" }).ResponseAsync;

    /// <summary>An award call and each of its retries, all with one request_id.</summary>
    private Func<Task<ApplicationResponse>> AwardWithRequestId(Application application)
    {
        var request = new AwardRequest
        {
            ApplicationId = application.Id, AmountYen = 200_000, Comment = "審査会で採択",
            RequestId = Guid.NewGuid().ToString()
        };
        return () => system.Subsidies.AwardAsync(request).ResponseAsync;
    }

    /// <summary>Arms <paramref name="failpoint"/> in <paramref name="victim"/>, makes the call, kills the process where it paused, and
    /// starts it again.</summary>
    private async Task<Exception?> KillAtAsync(ServiceProcess victim, string failpoint, Func<Task> call)
    {
        victim.Arm(failpoint);
        var pending = call();
        await victim.WaitForPauseAsync(failpoint);
        Say($"paused at {failpoint}: SIGKILL");
        victim.Kill();
        Exception? outcome = null;
        try { await pending; }
        catch (Exception ex) { outcome = ex; }
        await victim.RestartAsync();
        return outcome;
    }

    private async Task<Domain.Application> SubsidyEndsTheStepAsync(Application application)
    {
        Say("waiting for the step to end");
        var id = Guid.Parse(application.Id);
        await Eventually.ReachesAsync(async () =>
        {
            await using var db = system.OpenSubsidyDatabase();
            return await db.MoneySteps.CountAsync(s => s.ApplicationId == id);
        }, steps => steps == 0, "the application's money step ended", Recovery);
        await using var subsidyDb = system.OpenSubsidyDatabase();
        return await subsidyDb.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    /// <summary>What the budget service recorded under the award's key (the step's own key, found by the application's part).</summary>
    private async Task<string> BudgetKeyOperationAsync(Application application) =>
        (await Eventually.ReachesAsync(async () =>
        {
            await using var db = system.OpenBudgetDatabase();
            return await db.IdempotencyRecords.AsNoTracking().Where(r => r.Key.StartsWith($"subsidy-award-{application.Id}-"))
                .Select(r => r.Operation).ToListAsync();
        }, operations => operations.Count == 1, "the budget service's record of the award's key", Recovery)).Single();

    /// <summary>The events a service's outbox holds (published or not), read back as the relay reads them.</summary>
    private async Task<List<TEvent>> OutboxAsync<TEvent>(bool budget) where TEvent : IIntegrationEvent
    {
        var type = typeof(TEvent).FullName!;
        List<string> payloads;
        if (budget)
        {
            await using var db = system.OpenBudgetDatabase();
            payloads = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == type).Select(m => m.Payload).ToListAsync();
        }
        else
        {
            await using var db = system.OpenSubsidyDatabase();
            payloads = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == type).Select(m => m.Payload).ToListAsync();
        }
        return payloads.Select(p => (TEvent)IntegrationEventTypes.Deserialize(type, p).Message).ToList();
    }

    private async Task<int> AwardEventsAsync(Application application) =>
        (await OutboxAsync<ApplicationStatusChanged>(budget: false)).Count(
            e => e.ApplicationId == Guid.Parse(application.Id) && e.To == "Awarded");

    /// <summary>The reservations made for the application (their purpose names it).</summary>
    private async Task<List<Reservation>> ReservationsOfAsync(Application application, Func<List<Reservation>, bool> done, string what)
    {
        var line = (await system.ProgramAsync()).BudgetLineId;
        return await Eventually.ReachesAsync(async () =>
            (await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = line })).Reservations.Where(
                r => r.Purpose.Contains(application.Id)).ToList(),
            done, what, Recovery);
    }

    /// <summary>Neither the award nor money for it; and asked again, the award goes through, once.</summary>
    private async Task AssertAwardAbsentThenRetriedAsync(Application application, bool reservedBeforeTheCrash,
        Func<Task<ApplicationResponse>>? retry = null)
    {
        var stored = await SubsidyEndsTheStepAsync(application);
        Assert.Equal((Domain.ApplicationStatus.UnderReview, (Guid?)null, 2),
            (stored.Status, stored.ReservationId, stored.Transitions.Count));
        Assert.Equal(0, await AwardEventsAsync(application));

        var operation = await BudgetKeyOperationAsync(application);
        var held = await ReservationsOfAsync(application, r => r.All(x => x.Status != ReservationStatus.Reserved),
            "nothing held for the application");
        if (reservedBeforeTheCrash)
        {
            // The reservation was made and is released: both recorded and published.
            Assert.Equal(("Reserve", ReservationStatus.Released), (operation, held.Single().Status));
            var reservation = Guid.Parse(held.Single().Id);
            await system.Events.WaitForAsync<FundsReserved>(e => e.ReservationId == reservation);
            await system.Events.WaitForAsync<FundsReleased>(e => e.ReservationId == reservation);
            Assert.Equal(1, (await OutboxAsync<FundsReleased>(budget: true)).Count(e => e.ReservationId == reservation));
        }
        else
        {
            // Nothing was reserved, and the key is closed: a Reserve still on its way would be refused.
            Assert.Equal(("AbandonedReserve", 0), (operation, held.Count));
        }

        var awarded = (await (retry ?? (() => Award(application)))()).Application;
        Assert.Equal(ApplicationStatus.Awarded, awarded.Status);
        var after = await ReservationsOfAsync(application, r => r.Any(x => x.Status == ReservationStatus.Reserved),
            "the retried award's money held");
        Assert.Equal(awarded.ReservationId, after.Single(r => r.Status == ReservationStatus.Reserved).Id);
        await system.Events.WaitForAsync<ApplicationStatusChanged>(e => e.ApplicationId == stored.Id && e.To == "Awarded");
        Assert.Equal(1, await AwardEventsAsync(application));
    }

    /// <summary>The award and its money, each once, both published.</summary>
    private async Task AssertAwardPresentAsync(Application application)
    {
        var stored = await SubsidyEndsTheStepAsync(application);
        Assert.Equal((Domain.ApplicationStatus.Awarded, 200_000L), (stored.Status, stored.AwardedYen));
        var held = (await ReservationsOfAsync(application, r => r.Count > 0, "the award's money held")).Single();
        Assert.Equal((stored.ReservationId.ToString(), ReservationStatus.Reserved, 200_000L), (held.Id, held.Status, held.AmountYen));
        await system.Events.WaitForAsync<ApplicationStatusChanged>(e => e.ApplicationId == stored.Id && e.To == "Awarded");
        await system.Events.WaitForAsync<FundsReserved>(e => e.ReservationId == stored.ReservationId);
        Assert.Equal(1, await AwardEventsAsync(application));
    }

    /// <summary>The settlement and its commit, the commit made exactly once.</summary>
    private async Task AssertSettledOnceAsync(Application application, Guid reservation)
    {
        var stored = await SubsidyEndsTheStepAsync(application);
        Assert.Equal((Domain.ApplicationStatus.Settled, 150_000L, "実績額で確定"),
            (stored.Status, stored.SettledYen, stored.Transitions[^1].Comment));
        var held = (await ReservationsOfAsync(application, r => r.Single().Status != ReservationStatus.Reserved,
            "the settlement's commit applied")).Single();
        Assert.Equal((reservation.ToString(), ReservationStatus.Committed, 150_000L), (held.Id, held.Status, held.CommittedYen));
        await system.Events.WaitForAsync<ApplicationStatusChanged>(e => e.ApplicationId == stored.Id && e.To == "Settled");
        await system.Events.WaitForAsync<FundsCommitted>(e => e.ReservationId == reservation);
        Assert.Equal(1, (await OutboxAsync<FundsCommitted>(budget: true)).Count(e => e.ReservationId == reservation));
    }

    [Fact(Timeout = Bounded)]
    public async Task SubsidyKilledAfterRecordingTheAwardBeforeReservingEndsWithNoAwardAndTheKeyClosed()
    {
        var application = await UnderReviewAsync();
        Assert.IsType<RpcException>(await KillAtAsync(system.Subsidy, "subsidy.award.started", () => Award(application)));
        await AssertAwardAbsentThenRetriedAsync(application, reservedBeforeTheCrash: false);
    }

    [Fact(Timeout = Bounded)]
    public async Task SubsidyKilledAfterTheReservationBeforeTheAwardIsRecordedEndsWithNoAwardAndTheMoneyReleased()
    {
        var application = await UnderReviewAsync();
        Assert.IsType<RpcException>(await KillAtAsync(system.Subsidy, "subsidy.award.reserved", () => Award(application)));
        await AssertAwardAbsentThenRetriedAsync(application, reservedBeforeTheCrash: true);
    }

    [Fact(Timeout = Bounded)]
    public async Task AnAwardUndoneAfterACrashIsMadeAfreshOnceWhenRetriedWithItsRequestId()
    {
        var application = await UnderReviewAsync();
        var award = AwardWithRequestId(application);
        Assert.IsType<RpcException>(await KillAtAsync(system.Subsidy, "subsidy.award.reserved", award));
        // The undone award stored no answer: the retry awards, with money of its own, the first reservation released.
        await AssertAwardAbsentThenRetriedAsync(application, reservedBeforeTheCrash: true, retry: award);
    }

    [Fact(Timeout = Bounded)]
    public async Task AnAwardRecordedBeforeACrashAnswersARetryWithItsRequestIdAsAwardedWithoutReservingAgain()
    {
        var application = await UnderReviewAsync();
        var award = AwardWithRequestId(application);
        await KillAtAsync(system.Subsidy, "subsidy.award.confirmed", award);

        var again = (await award()).Application;

        Assert.Equal(ApplicationStatus.Awarded, again.Status);
        Assert.Equal((await system.Subsidies.GetApplicationAsync(new GetApplicationRequest { Id = application.Id })).Application, again);
        await AssertAwardPresentAsync(application); // one reservation, one award event
    }

    [Fact(Timeout = Bounded)]
    public async Task SubsidyKilledAfterRecordingTheAwardEndsWithTheAwardAndItsMoney()
    {
        var application = await UnderReviewAsync();
        await KillAtAsync(system.Subsidy, "subsidy.award.confirmed", () => Award(application));
        await AssertAwardPresentAsync(application);
    }

    [Fact(Timeout = Bounded)]
    public async Task SubsidyKilledAfterTheAwardBeforeItsEventIsPublishedPublishesItAfterTheRestart()
    {
        var application = await UnderReviewAsync();
        await Eventually.ReachesAsync(async () =>
        {
            await using var db = system.OpenSubsidyDatabase();
            return await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null);
        }, unsent => unsent == 0, "subsidy's earlier events published"); // so the relay pauses on the award's event, not an earlier one

        system.Subsidy.Arm("outbox.publish");
        // The call answers; the relay pauses before publishing the award's event, and is killed there.
        Assert.Equal(ApplicationStatus.Awarded, (await Award(application)).Application.Status);
        await system.Subsidy.WaitForPauseAsync("outbox.publish");
        Say("paused at outbox.publish: SIGKILL");
        system.Subsidy.Kill();
        await using (var db = system.OpenSubsidyDatabase())
        {
            var unsent = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.SentAt == null)
                .Select(m => new { m.MessageType, m.Payload }).ToListAsync();
            Assert.Equal(1,
                unsent.Count(m => m.MessageType == typeof(ApplicationStatusChanged).FullName && m.Payload.Contains(application.Id)));
        }
        await system.Subsidy.RestartAsync();

        await AssertAwardPresentAsync(application);
    }

    [Fact(Timeout = Bounded)]
    public async Task BudgetKilledInsideTheReservationAnswersUnavailableAndEndsWithNoAwardAndTheKeyClosed()
    {
        var application = await UnderReviewAsync();
        var outcome = await KillAtAsync(system.Budget, "budget.reserve.locked", () => Award(application));
        Assert.Equal(StatusCode.Unavailable, Assert.IsType<RpcException>(outcome).StatusCode);
        await AssertAwardAbsentThenRetriedAsync(application, reservedBeforeTheCrash: false);
    }

    [Fact(Timeout = Bounded)]
    public async Task BudgetKilledAfterReservingBeforeAnsweringAnswersUnavailableAndEndsWithNoAwardAndTheMoneyReleased()
    {
        var application = await UnderReviewAsync();
        var outcome = await KillAtAsync(system.Budget, "budget.reserve.committed", () => Award(application));
        Assert.Equal(StatusCode.Unavailable, Assert.IsType<RpcException>(outcome).StatusCode);
        await AssertAwardAbsentThenRetriedAsync(application, reservedBeforeTheCrash: true);
    }

    [Fact(Timeout = Bounded)]
    public async Task SubsidyKilledAfterRecordingTheSettlementBeforeCommittingEndsSettledAndCommittedOnce()
    {
        var (application, reservation) = await ReportedAsync();
        await KillAtAsync(system.Subsidy, "subsidy.settle.started", () => Settle(application));
        await AssertSettledOnceAsync(application, reservation);
    }

    [Fact(Timeout = Bounded)]
    public async Task SubsidyKilledAfterTheCommitBeforeRecordingTheSettlementEndsSettledAndCommittedOnce()
    {
        var (application, reservation) = await ReportedAsync();
        await KillAtAsync(system.Subsidy, "subsidy.settle.committed", () => Settle(application));
        await AssertSettledOnceAsync(application, reservation);
    }

    [Fact(Timeout = Bounded)]
    public async Task ASettlementTheRecovererFinishedAfterACrashAnswersARetryWithItsRequestIdAsSettled()
    {
        var (application, reservation) = await ReportedAsync();
        var request = new SettleRequest
        {
            ApplicationId = application.Id, SettledYen = 150_000, Comment = "実績額で確定",
            RequestId = Guid.NewGuid().ToString()
        };
        await KillAtAsync(system.Subsidy, "subsidy.settle.committed", () => system.Subsidies.SettleAsync(request).ResponseAsync);
        await AssertSettledOnceAsync(application, reservation); // the recoverer finished it

        var again = (await system.Subsidies.SettleAsync(request)).Application;

        Assert.Equal((ApplicationStatus.Settled, 150_000L), (again.Status, again.SettledYen));
        Assert.Equal((await system.Subsidies.GetApplicationAsync(new GetApplicationRequest { Id = application.Id })).Application, again);
        Assert.Equal(1, (await OutboxAsync<ApplicationStatusChanged>(budget: false)).Count(
            e => e.ApplicationId == Guid.Parse(application.Id) && e.To == "Settled"));
        Assert.Equal(1, (await OutboxAsync<FundsCommitted>(budget: true)).Count(e => e.ReservationId == reservation));
    }

    [Fact(Timeout = Bounded)]
    public async Task BudgetKilledAfterCommittingBeforeAnsweringSettlesAtOnceAndCommitsOnce()
    {
        var (application, reservation) = await ReportedAsync();
        Application? settled = null;
        var outcome =
            await KillAtAsync(system.Budget, "budget.commit.committed", async () => settled = (await Settle(application)).Application);
        // The commit may have been made: the settlement is recorded at once and the commit sent to apply once.
        Assert.Null(outcome);
        Assert.Equal(ApplicationStatus.Settled, settled!.Status);
        await AssertSettledOnceAsync(application, reservation);
    }
}
