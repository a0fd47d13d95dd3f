using Google.Rpc;
using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Subsidy;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Tests;

public sealed class AwardTests(SubsidySystemFixture system) : IClassFixture<SubsidySystemFixture>
{
    [Fact]
    public async Task FiscalYear2019OfSeed001IsReproducedAndItsStatisticsReadBack()
    {
        // 令和元年度: 1,100,000 (800,000・300,000) チャレンジ 4件 ステップアップ 2件.
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 7_320_000);
        foreach (var course in new[] { komoro.Challenge, komoro.Challenge, komoro.Challenge, komoro.Challenge, komoro.StepUp,
            komoro.StepUp })
        {
            var application = await komoro.ApplyAndReviewAsync(system, course, course.CapYen);
            await system.Subsidies.AwardAsync(
                new AwardRequest { ApplicationId = application.Id, AmountYen = course.CapYen, Comment = "審査会で採択" });
        }

        var rows = (await system.Subsidies.GetStatisticsAsync(
            new GetStatisticsRequest { MunicipalityCode = "20208", ProgramId = komoro.Program.Id, FiscalYear = 2019 })).Rows;

        var challenge = rows.Single(r => r.CourseName == "チャレンジ");
        var stepUp = rows.Single(r => r.CourseName == "ステップアップ");
        Assert.Equal((4, 4, 800_000L, "チャレンジ 4件"), (challenge.Applications, challenge.Awards, challenge.AwardedYen, challenge.Summary));
        Assert.Equal((2, 2, 300_000L, "ステップアップ 2件"), (stepUp.Applications, stepUp.Awards, stepUp.AwardedYen, stepUp.Summary));
        var held = await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = komoro.BudgetLineId });
        Assert.Equal((6, 1_100_000L), (held.Reservations.Count, held.ReservedYen));
    }

    [Fact]
    public async Task TwoAwardedOfThreeAppliedReadsAsSeed001PrintsIt()
    {
        // 令和2年度: チャレンジ 2件(3).
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000, fiscalYear: 2020);
        var applications = new List<Application>();
        for (var i = 0; i < 3; i++) applications.Add(await komoro.ApplyAndReviewAsync(system, komoro.Challenge, 133_000, fiscalYear: 2020));
        await system.Subsidies.AwardAsync(new AwardRequest { ApplicationId = applications[0].Id, AmountYen = 133_000 });
        await system.Subsidies.AwardAsync(new AwardRequest { ApplicationId = applications[1].Id, AmountYen = 133_000 });
        await system.Subsidies.RejectAsync(new TransitionRequest { ApplicationId = applications[2].Id, Comment = "事業計画が要件を満たさない" });

        var row = (await system.Subsidies.GetStatisticsAsync(
            new GetStatisticsRequest { MunicipalityCode = "20208", ProgramId = komoro.Program.Id })).Rows.Single();

        Assert.Equal(("チャレンジ 2件(3)", 2020, 1, 266_000L), (row.Summary, row.FiscalYear, row.Rejections, row.AwardedYen));
        Assert.Equal(2.0 / 3, row.AwardRate, 6);
    }

    [Fact]
    public async Task AnAwardAboveTheCourseCapOrTheRequestIsRefusedAndChangesNothing()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000);
        var application = await komoro.ApplyAndReviewAsync(system, komoro.StepUp, requestedYen: 120_000);

        var aboveCap = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => system.Subsidies.AwardAsync(new AwardRequest { ApplicationId = application.Id, AmountYen = 150_001 }).ResponseAsync);
        var aboveRequest = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => system.Subsidies.AwardAsync(new AwardRequest { ApplicationId = application.Id, AmountYen = 130_000 }).ResponseAsync);

        Assert.Equal(("ABOVE_COURSE_CAP", "150000"),
            (Reason(aboveCap), aboveCap.GetRpcStatus()!.GetDetail<ErrorInfo>().Metadata["cap_yen"]));
        Assert.Equal("ABOVE_REQUESTED", Reason(aboveRequest));
        var stored = (await system.Subsidies.GetApplicationAsync(new GetApplicationRequest { Id = application.Id })).Application;
        Assert.Equal((ApplicationStatus.UnderReview, 0L), (stored.Status, stored.AwardedYen));
        Assert.Empty(
            (await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = komoro.BudgetLineId })).Reservations);
    }

    [Fact]
    public async Task TwoAwardsForOneGroupInOneCourseRacingLetExactlyOneWin()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000);
        var group = (await system.Subsidies.RegisterApplicantAsync(
            new RegisterApplicantRequest { MunicipalityCode = "20208", Name = $"東区 {Guid.NewGuid():N}", Kind = "区" })).Applicant;
        var first = await komoro.ApplyAndReviewAsync(system, komoro.Challenge, 200_000, applicantId: group.Id);
        var second = await komoro.ApplyAndReviewAsync(system, komoro.Challenge, 200_000, applicantId: group.Id);

        var outcomes = await Task.WhenAll(new[] { first, second }.Select(async application =>
        {
            try
            {
                await system.Subsidies.AwardAsync(new AwardRequest { ApplicationId = application.Id, AmountYen = 200_000 });
                return "awarded";
            }
            catch (RpcException ex)
            {
                return Reason(ex);
            }
        }));

        Assert.Equal(["ALREADY_AWARDED_IN_COURSE", "awarded"], outcomes.Order());
        await using var db = system.OpenDatabase();
        Assert.Equal(1,
            await db.Applications.CountAsync(a => a.ApplicantId == Guid.Parse(group.Id) && a.Status == Domain.ApplicationStatus.Awarded));
        var held = await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = komoro.BudgetLineId });
        Assert.Equal((1, 200_000L), (held.Reservations.Count, held.ReservedYen));
    }

    [Fact]
    public async Task ConcurrentAwardsExhaustingTheBudgetLeaveStoredAwardsAndReservationsInAgreement()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 500_000);
        var applications = new List<Application>();
        for (var i = 0; i < 5; i++) applications.Add(await komoro.ApplyAndReviewAsync(system, komoro.Challenge, 200_000));

        var outcomes = await Task.WhenAll(applications.Select(async application =>
        {
            try
            {
                await system.Subsidies.AwardAsync(new AwardRequest { ApplicationId = application.Id, AmountYen = 200_000 });
                return "awarded";
            }
            catch (RpcException ex)
            {
                return Reason(ex);
            }
        }));

        Assert.Equal(2, outcomes.Count(o => o == "awarded"));
        Assert.All(outcomes.Where(o => o != "awarded"), o => Assert.Equal("BUDGET_EXHAUSTED", o));
        await using var db = system.OpenDatabase();
        var awarded = await db.Applications.Where(
            a => a.ProgramId == Guid.Parse(komoro.Program.Id) && a.Status == Domain.ApplicationStatus.Awarded).ToListAsync();
        var held = await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = komoro.BudgetLineId });
        Assert.Equal(held.Reservations.Select(r => r.Id).Order(), awarded.Select(a => a.ReservationId.ToString()!).Order());
        Assert.Equal((400_000L, 400_000L), (awarded.Sum(a => a.AwardedYen), held.ReservedYen));
        // The refused ones left no step behind: the budget service wrote nothing for them.
        Assert.False(await db.MoneySteps.AnyAsync(s => applications.Select(a => Guid.Parse(a.Id)).Contains(s.ApplicationId)));
    }

    [Fact]
    public async Task SettlementCommitsTheSettledAmountAndReleasesTheRestOfTheAward()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000);
        var application = await komoro.ApplyAndReviewAsync(system, komoro.Challenge, 200_000);
        await system.Subsidies.AwardAsync(new AwardRequest { ApplicationId = application.Id, AmountYen = 200_000 });
        await system.Subsidies.ReportResultsAsync(new TransitionRequest { ApplicationId = application.Id, Comment = "活動発表会で報告" });

        var settled = (await system.Subsidies.SettleAsync(
            new SettleRequest { ApplicationId = application.Id, SettledYen = 180_000, Comment = "実績額で確定" })).Application;

        Assert.Equal((ApplicationStatus.Settled, 200_000L, 180_000L), (settled.Status, settled.AwardedYen, settled.SettledYen));
        Assert.Equal(
            [ApplicationStatus.Submitted, ApplicationStatus.UnderReview, ApplicationStatus.Awarded, ApplicationStatus.Reported,
                ApplicationStatus.Settled],
            settled.Transitions.Select(t => t.To));
        Assert.Equal("実績額で確定", settled.Transitions.Last().Comment);
        var held = await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = komoro.BudgetLineId });
        Assert.Equal((0L, 180_000L, 820_000L), (held.ReservedYen, held.CommittedYen, held.AvailableYen));
        var (settledEvent, _) = await system.Events.WaitForAsync<ApplicationStatusChanged>(
            e => e.ApplicationId == Guid.Parse(application.Id) && e.To == "Settled");
        Assert.Equal(("Reported", 200_000L, 180_000L, 5),
            (settledEvent.From, settledEvent.AwardedYen, settledEvent.SettledYen, settledEvent.Revision));
        Assert.Equal(5,
            system.Events.Received<ApplicationStatusChanged>().Count(e => e.Message.ApplicationId == Guid.Parse(application.Id)));
    }

    [Fact]
    public async Task StepsTheStateDoesNotAllowAreRefusedNamingTheCurrentState()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000);
        var application = await komoro.ApplyAndReviewAsync(system, komoro.StepUp, 150_000);
        await system.Subsidies.AwardAsync(new AwardRequest { ApplicationId = application.Id, AmountYen = 100_000 });

        var withdraw = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => system.Subsidies.WithdrawAsync(new TransitionRequest { ApplicationId = application.Id }).ResponseAsync);
        var settleEarly = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => system.Subsidies.SettleAsync(new SettleRequest { ApplicationId = application.Id, SettledYen = 100_000 }).ResponseAsync);
        await system.Subsidies.ReportResultsAsync(new TransitionRequest { ApplicationId = application.Id });
        var settleTooMuch = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => system.Subsidies.SettleAsync(new SettleRequest { ApplicationId = application.Id, SettledYen = 100_001 }).ResponseAsync);

        Assert.Equal(("INVALID_TRANSITION", "Awarded"),
            (Reason(withdraw), withdraw.GetRpcStatus()!.GetDetail<ErrorInfo>().Metadata["current_status"]));
        Assert.Contains("awarded (交付決定)", withdraw.Status.Detail);
        Assert.Equal("INVALID_TRANSITION", Reason(settleEarly));
        Assert.Equal("ABOVE_AWARD", Reason(settleTooMuch));
        var held = await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = komoro.BudgetLineId });
        Assert.Equal((100_000L, 0L), (held.ReservedYen, held.CommittedYen));
    }

    [Fact]
    public async Task WhenTheBudgetServiceCannotBeReachedAnAwardIsUnavailableAndChangesNothing()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000, municipality: "20209");
        var application = await komoro.ApplyAndReviewAsync(system, komoro.Challenge, 200_000);

        system.BudgetPath.TakeDown();
        try
        {
            var ex = await RpcAssert.FailsWith(StatusCode.Unavailable,
                () => system.Subsidies.AwardAsync(new AwardRequest { ApplicationId = application.Id, AmountYen = 200_000 }).ResponseAsync);
            Assert.Contains("budget service", ex.Status.Detail);
        }
        finally
        {
            system.BudgetPath.BringUp();
        }

        var stored = (await system.Subsidies.GetApplicationAsync(new GetApplicationRequest { Id = application.Id })).Application;
        Assert.Equal((ApplicationStatus.UnderReview, 2), (stored.Status, stored.Transitions.Count));
        Assert.Empty(
            (await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = komoro.BudgetLineId })).Reservations);
        await using (var db = system.OpenDatabase())
            Assert.False(await db.MoneySteps.AnyAsync(s => s.ApplicationId == Guid.Parse(application.Id)));
        // The budget service is told (through subsidy's outbox) to refuse the key that call used, should it still arrive.
        var keyPrefix = $"subsidy-award-{application.Id}-";
        var closed = await Eventually.ReachesAsync(async () =>
        {
            await using var budgetDb = system.OpenBudgetDatabase();
            return await budgetDb.IdempotencyRecords.AsNoTracking().Where(r => r.Key.StartsWith(keyPrefix)).ToListAsync();
        }, records => records.Count == 1, "the abandoned award's key closed");
        Assert.Equal("AbandonedReserve", closed.Single().Operation);
        // Once it is back, the same award goes through.
        var awarded =
            (await system.Subsidies.AwardAsync(new AwardRequest { ApplicationId = application.Id, AmountYen = 200_000 })).Application;
        Assert.Equal((ApplicationStatus.Awarded, 200_000L), (awarded.Status, awarded.AwardedYen));
        Assert.Equal(200_000,
            (await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = komoro.BudgetLineId })).ReservedYen);
    }

    private static string Reason(RpcException ex) => ex.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason ?? ex.StatusCode.ToString();
}
