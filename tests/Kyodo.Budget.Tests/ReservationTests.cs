using Google.Rpc;
using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Tests;

public sealed class ReservationTests(BudgetSystemFixture system) : IClassFixture<BudgetSystemFixture>
{
    private async Task<BudgetLine> LineAsync(long costYen, string title)
    {
        var item = await KomoroItems.CreateAsync(system.Plans, title);
        return (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = KomoroItems.Komoro, ItemId = item.Id, FiscalYear = 2019,
            Funding = new FundingBreakdown { CostYen = costYen, GeneralRevenueYen = costYen },
        })).Line;
    }

    [Fact]
    public async Task ConcurrentReservationsRacingForTheLastYenSucceedExactlyAsFarAsTheLineGoes()
    {
        // 市民活動促進事業補助金: ¥1,000,000 on the line, 32 awards of ¥50,000 asked at once → 20 fit.
        var line = await LineAsync(1_000_000, "市民活動支援事業");

        var calls = Enumerable.Range(0, 32).Select(async Task<(Reservation? Reserved, RpcException? Error)> (i) =>
        {
            try
            {
                return ((await system.Budgets.ReserveAsync(new ReserveRequest
                {
                    IdempotencyKey = $"race-{line.Id}-{i}", BudgetLineId = line.Id, AmountYen = 50_000, Purpose = $"application {i}",
                })).Reservation, null);
            }
            catch (RpcException ex)
            {
                return (null, ex);
            }
        });
        var results = await Task.WhenAll(calls);

        Assert.Equal(20, results.Count(r => r.Reserved is not null));
        var refused = results.Where(r => r.Error is not null).Select(r => r.Error!).ToList();
        Assert.Equal(12, refused.Count);
        Assert.All(refused, ex =>
        {
            Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
            var info = ex.GetRpcStatus()!.GetDetail<ErrorInfo>();
            Assert.Equal(("BUDGET_EXHAUSTED", "0"), (info.Reason, info.Metadata["available_yen"]));
        });
        await using var db = system.OpenDatabase();
        var stored = await db.BudgetLines.AsNoTracking().SingleAsync(l => l.Id == Guid.Parse(line.Id));
        var reservations = await db.Reservations.AsNoTracking().Where(r => r.LineId == stored.Id).ToListAsync();
        Assert.Equal((1_000_000L, 0L), (stored.ReservedYen, stored.AvailableYen));
        Assert.Equal((20, 1_000_000L), (reservations.Count, reservations.Sum(r => r.AmountYen)));
    }

    [Fact]
    public async Task ARetryWithTheSameKeyReturnsTheFirstAnswerAndReservesOnceButANewRequestUnderItIsRefused()
    {
        var line = await LineAsync(500_000, "集会施設等補助金");
        var request = new ReserveRequest
        {
            IdempotencyKey = "subsidy-application-0001-award", BudgetLineId = line.Id, AmountYen = 200_000,
            Purpose = "チャレンジ"
        };

        var first = await system.Budgets.ReserveAsync(request);
        var retry = await system.Budgets.ReserveAsync(request);
        var changed = request.Clone();
        changed.AmountYen = 150_000;
        var reused = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => system.Budgets.ReserveAsync(changed).ResponseAsync);

        Assert.Equal(first.Reservation.Id, retry.Reservation.Id);
        Assert.Equal(300_000, retry.AvailableYen);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", reused.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        var reservations = (await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = line.Id }));
        Assert.Equal((1, 200_000L, 300_000L), (reservations.Reservations.Count, reservations.ReservedYen, reservations.AvailableYen));
        var published = await system.Events.WaitForAsync<FundsReserved>(e => e.ReservationId == Guid.Parse(first.Reservation.Id));
        Assert.Single(system.Events.Received<FundsReserved>(), e => e.Message.ReservationId == Guid.Parse(first.Reservation.Id));
        Assert.Equal(300_000, published.Message.AvailableYen);
    }

    [Fact]
    public async Task ARetryOfTheReservationThatTookTheLinesLastYenGetsTheFirstAnswerNotBudgetExhausted()
    {
        var line = await LineAsync(100_000, "地域づくり補助金");
        var request =
            new ReserveRequest { IdempotencyKey = $"all-of-{line.Id}", BudgetLineId = line.Id, AmountYen = 100_000, Purpose = "全額" };

        var first = await system.Budgets.ReserveAsync(request);
        var retry = await system.Budgets.ReserveAsync(request);
        var another = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => system.Budgets.ReserveAsync(
            new ReserveRequest { IdempotencyKey = $"more-of-{line.Id}", BudgetLineId = line.Id, AmountYen = 1 }).ResponseAsync);

        Assert.Equal((first.Reservation.Id, 0L), (retry.Reservation.Id, retry.AvailableYen));
        Assert.Equal("BUDGET_EXHAUSTED", another.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        var reservations = await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = line.Id });
        Assert.Equal((1, 100_000L), (reservations.Reservations.Count, reservations.ReservedYen));
    }

    [Fact]
    public async Task CommittingPartOfAReservationReleasesTheRestAndAReleasedOneCannotBeCommitted()
    {
        var line = await LineAsync(400_000, "ステップアップ");
        var a = (await system.Budgets.ReserveAsync(
            new ReserveRequest { IdempotencyKey = $"a-{line.Id}", BudgetLineId = line.Id, AmountYen = 150_000 })).Reservation;
        var b = (await system.Budgets.ReserveAsync(
            new ReserveRequest { IdempotencyKey = $"b-{line.Id}", BudgetLineId = line.Id, AmountYen = 150_000 })).Reservation;

        var committed = (await system.Budgets.CommitAsync(
            new CommitRequest { IdempotencyKey = $"commit-a-{line.Id}", ReservationId = a.Id, AmountYen = 120_000 })).Reservation;
        await system.Budgets.ReleaseAsync(new ReleaseRequest { IdempotencyKey = $"release-b-{line.Id}", ReservationId = b.Id });
        var late = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => system.Budgets.CommitAsync(
            new CommitRequest { IdempotencyKey = $"commit-b-{line.Id}", ReservationId = b.Id, AmountYen = 1 }).ResponseAsync);

        Assert.Equal((ReservationStatus.Committed, 120_000L), (committed.Status, committed.CommittedYen));
        Assert.Equal("RESERVATION_NOT_OPEN", late.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        var totals = await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = line.Id });
        Assert.Equal((0L, 120_000L, 280_000L), (totals.ReservedYen, totals.CommittedYen, totals.AvailableYen));
        var (commitEvent, _) = await system.Events.WaitForAsync<FundsCommitted>(e => e.ReservationId == Guid.Parse(a.Id));
        Assert.Equal((120_000L, 30_000L), (commitEvent.CommittedYen, commitEvent.ReleasedYen));
        await system.Events.WaitForAsync<FundsReleased>(e => e.ReservationId == Guid.Parse(b.Id) && e.ReleasedYen == 150_000);
    }

    [Fact]
    public async Task ALineCannotBeRevisedBelowWhatSubsidiesHoldAgainstIt()
    {
        var line = await LineAsync(300_000, "わがまち魅力アップ応援事業");
        await system.Budgets.ReserveAsync(
            new ReserveRequest { IdempotencyKey = $"hold-{line.Id}", BudgetLineId = line.Id, AmountYen = 200_000 });
        line = (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id })).Line;

        var ex =
            await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => system.Budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
            {
                Id = line.Id, Version = line.Version, Stage = BudgetStage.Supplementary, SupplementaryNumber = 1,
                Funding = new FundingBreakdown { CostYen = 100_000, GeneralRevenueYen = 100_000 },
            }).ResponseAsync);

        Assert.Equal("200000", ex.GetRpcStatus()!.GetDetail<ErrorInfo>().Metadata["held_yen"]);
        Assert.Equal(300_000, (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id })).Line.Funding.CostYen);
    }
}
