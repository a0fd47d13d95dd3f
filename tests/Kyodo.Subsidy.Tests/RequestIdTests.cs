using Google.Rpc;
using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Subsidy;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Tests;

/// <summary>
/// An application submitted again with its request_id (its first answer was lost) is stored and announced
/// once and answered as the first time; so is a step of its review, and an award or a settlement, whose money
/// moves once; the id with another request is refused. (CrashRecoveryTests: a retry after a crash mid-step.)
/// </summary>
public sealed class RequestIdTests(SubsidySystemFixture system) : IClassFixture<SubsidySystemFixture>
{
    [Fact]
    public async Task AnApplicationSubmittedAgainWithItsRequestIdIsStoredOnceAnnouncedOnceAndAnsweredAsTheFirstTime()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000, municipality: "99501");
        var request = await ApplicationAsync(komoro, Guid.NewGuid());

        var first = (await system.Subsidies.SubmitApplicationAsync(request)).Application;
        var again = (await system.Subsidies.SubmitApplicationAsync(request)).Application;

        Assert.Equal(first, again);
        await using var db = system.OpenDatabase();
        Assert.Equal(Guid.Parse(first.Id), Assert.Single(await db.Applications.Where(a => a.MunicipalityCode == "99501").ToListAsync()).Id);
        Assert.Single(await OutboxRowsAsync(db, typeof(ApplicationStatusChanged), first.Id));
    }

    [Fact]
    public async Task TheSameRequestIdWithAnotherApplicationIsRefusedNamingTheConflictAndChangesNothing()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000, municipality: "99502");
        var requestId = Guid.NewGuid();
        var request = await ApplicationAsync(komoro, requestId);
        var first = (await system.Subsidies.SubmitApplicationAsync(request)).Application;

        var refused = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => system.Subsidies.SubmitApplicationAsync(new SubmitApplicationRequest(request) { RequestedYen = 150_000 }).ResponseAsync);

        Assert.Equal("REQUEST_ID_REUSED", refused.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Contains(requestId.ToString(), refused.Status.Detail);
        await using var db = system.OpenDatabase();
        var stored = Assert.Single(await db.Applications.Where(a => a.MunicipalityCode == "99502").ToListAsync());
        Assert.Equal((Guid.Parse(first.Id), (long?)100_000), (stored.Id, stored.RequestedYen));
        Assert.Single(await OutboxRowsAsync(db, typeof(ApplicationStatusChanged), first.Id));
    }

    [Fact]
    public async Task AReviewStepSentAgainWithItsRequestIdAnswersTheFirstStepInsteadOfRefusingIt()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000, municipality: "99503");
        var submitted = await komoro.ApplyAsync(system, komoro.Challenge, 100_000);
        var review = new TransitionRequest { ApplicationId = submitted.Id, Comment = "書類審査", RequestId = Guid.NewGuid().ToString() };

        var first = (await system.Subsidies.StartReviewAsync(review)).Application;
        var again = (await system.Subsidies.StartReviewAsync(review)).Application;

        Assert.Equal(first, again);
        Assert.Equal(ApplicationStatus.UnderReview, again.Status);
        // Without its request id the same step is refused: the application is under review already.
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () =>
                system.Subsidies.StartReviewAsync(new TransitionRequest { ApplicationId = submitted.Id, Comment = "書類審査" }).ResponseAsync);
        await using var db = system.OpenDatabase();
        Assert.Equal(2, (await OutboxRowsAsync(db, typeof(ApplicationStatusChanged), submitted.Id)).Count); // submitted, under review
    }

    [Fact]
    public async Task AnAwardSentAgainWithItsRequestIdReservesOnceAnnouncesOnceAndAnswersAsTheFirstTime()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000, municipality: "99504");
        var application = await komoro.ApplyAndReviewAsync(system, komoro.Challenge, 200_000);
        var award = new AwardRequest
        {
            ApplicationId = application.Id, AmountYen = 200_000, Comment = "審査会で採択",
            RequestId = Guid.NewGuid().ToString()
        };

        var first = (await system.Subsidies.AwardAsync(award)).Application;
        var again = (await system.Subsidies.AwardAsync(award)).Application;

        Assert.Equal(first, again);
        Assert.Equal(ApplicationStatus.Awarded, again.Status);
        var held = await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = komoro.BudgetLineId });
        Assert.Equal((first.ReservationId, 200_000L), (Assert.Single(held.Reservations).Id, held.ReservedYen));
        // Without its request id the same award is refused: the application is awarded already.
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => system.Subsidies.AwardAsync(new AwardRequest(award) { RequestId = "" }).ResponseAsync);
        await using var db = system.OpenDatabase();
        Assert.Single(StatusChanges(await OutboxRowsAsync(db, typeof(ApplicationStatusChanged), application.Id), "Awarded"));
    }

    [Fact]
    public async Task ASettlementSentAgainWithItsRequestIdCommitsOnceAnnouncesOnceAndAnswersAsTheFirstTime()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000, municipality: "99505");
        var application = await komoro.AwardedAsync(system, komoro.Challenge, 200_000, reported: true);
        var settle = new SettleRequest
        {
            ApplicationId = application.Id, SettledYen = 150_000, Comment = "実績額で確定",
            RequestId = Guid.NewGuid().ToString()
        };

        var first = (await system.Subsidies.SettleAsync(settle)).Application;
        var again = (await system.Subsidies.SettleAsync(settle)).Application;

        Assert.Equal(first, again);
        Assert.Equal((ApplicationStatus.Settled, 150_000L), (again.Status, again.SettledYen));
        var held = await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = komoro.BudgetLineId });
        Assert.Equal((ReservationStatus.Committed, 150_000L, 850_000L),
            (Assert.Single(held.Reservations).Status, held.CommittedYen, held.AvailableYen));
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => system.Subsidies.SettleAsync(new SettleRequest(settle) { RequestId = "" }).ResponseAsync);
        await using var db = system.OpenDatabase();
        Assert.Single(StatusChanges(await OutboxRowsAsync(db, typeof(ApplicationStatusChanged), application.Id), "Settled"));
    }

    [Fact]
    public async Task TheRequestIdOfAnAwardWithAnotherAmountOrForASettlementIsRefusedNamingTheAwardAndMovesNoMoney()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000, municipality: "99506");
        var application = await komoro.ApplyAndReviewAsync(system, komoro.Challenge, 200_000);
        var requestId = Guid.NewGuid().ToString();
        var first = (await system.Subsidies.AwardAsync(
            new AwardRequest { ApplicationId = application.Id, AmountYen = 200_000, RequestId = requestId })).Application;
        await system.Subsidies.ReportResultsAsync(new TransitionRequest { ApplicationId = application.Id });

        var otherAmount = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => system.Subsidies.AwardAsync(
                new AwardRequest { ApplicationId = application.Id, AmountYen = 150_000, RequestId = requestId }).ResponseAsync);
        var settlement = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => system.Subsidies.SettleAsync(
                new SettleRequest { ApplicationId = application.Id, SettledYen = 150_000, RequestId = requestId }).ResponseAsync);

        foreach (var refused in new[] { otherAmount, settlement })
        {
            var reason = refused.GetRpcStatus()!.GetDetail<ErrorInfo>();
            Assert.Equal(("REQUEST_ID_REUSED", "Award"), (reason.Reason, reason.Metadata["first_operation"]));
            Assert.Contains(requestId, refused.Status.Detail);
        }
        await using var db = system.OpenDatabase();
        var stored = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == Guid.Parse(application.Id));
        Assert.Equal((Domain.ApplicationStatus.Reported, 200_000L, 0L), (stored.Status, stored.AwardedYen, stored.SettledYen));
        var held = await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = komoro.BudgetLineId });
        Assert.Equal((first.ReservationId, ReservationStatus.Reserved, 200_000L),
            (Assert.Single(held.Reservations).Id, held.Reservations[0].Status, held.ReservedYen));
    }

    private async Task<SubmitApplicationRequest> ApplicationAsync(KomoroSubsidy komoro, Guid requestId)
    {
        var applicant = (await system.Subsidies.RegisterApplicantAsync(new RegisterApplicantRequest
        {
            MunicipalityCode = komoro.Municipality, Name = $"市民活動団体 {Guid.NewGuid():N}", Kind = "市民活動団体",
            RequestId = Guid.NewGuid().ToString(),
        })).Applicant;
        return new SubmitApplicationRequest
        {
            ProgramId = komoro.Program.Id, CourseId = komoro.Challenge.Id, FiscalYear = 2019, ApplicantId = applicant.Id,
            ProjectTitle = "地域の見守り活動", ProjectKind = ProjectKind.New, RequestedYen = 100_000, RequestId = requestId.ToString(),
        };
    }

    /// <summary>Of ApplicationStatusChanged rows, those of a step to <paramref name="to"/>.</summary>
    private static List<ApplicationStatusChanged> StatusChanges(List<OutboxMessage> rows, string to) =>
        rows.Select(m => (ApplicationStatusChanged)IntegrationEventTypes.Deserialize(m.MessageType, m.Payload).Message)
            .Where(e => e.To == to).ToList();

    /// <summary>The outbox rows of <paramref name="eventType"/> whose payload mentions <paramref name="text"/> (an id, a
    /// municipality).</summary>
    private static async Task<List<OutboxMessage>> OutboxRowsAsync(Data.SubsidyDbContext db, Type eventType, string text) =>
        (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == eventType.FullName).ToListAsync())
            .Where(m => m.Payload.Contains(text, StringComparison.Ordinal)).ToList();
}
