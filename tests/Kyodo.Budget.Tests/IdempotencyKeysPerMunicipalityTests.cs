using Google.Rpc;
using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Security;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Tests;

// Idempotency keys belong to a municipality. Subsidy's keys are predictable
// (subsidy-award-{application}, subsidy-settle-{application}): were they global, another city could
// claim one first, making the victim's award fail for good and learning that the key exists.
public sealed class IdempotencyKeysPerMunicipalityTests(BudgetSystemFixture system) : IClassFixture<BudgetSystemFixture>
{
    private const string A = "99231";
    private const string B = "99232";

    private BudgetService.BudgetServiceClient Admin(string municipality) =>
        new(system.BudgetService.ChannelAs(TestAuth.UserToken(municipality, KyodoRoles.Admin)));

    private async Task<BudgetLine> LineAsync(string municipality, long costYen)
    {
        var item = await KomoroItems.CreateAsync(system.Plans, $"市民活動支援事業 {Guid.NewGuid():N}", "企画課", municipality);
        return (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = municipality, ItemId = item.Id, FiscalYear = 2019,
            Funding = new FundingBreakdown { CostYen = costYen, GeneralRevenueYen = costYen },
        })).Line;
    }

    [Fact]
    public async Task AKeyAnotherMunicipalityUsedFirstNeitherBlocksNorShowsItselfHere()
    {
        var (lineA, lineB) = (await LineAsync(A, 1_000_000), await LineAsync(B, 500_000));
        var reserveKey = $"subsidy-award-{Guid.NewGuid()}";
        var settleKey = $"subsidy-settle-{Guid.NewGuid()}";

        // Municipality A uses the keys first, for requests unlike B's.
        var firstA = await Admin(A)
            .ReserveAsync(new ReserveRequest { IdempotencyKey = reserveKey, BudgetLineId = lineA.Id, AmountYen = 300_000, Purpose = "A" });
        var committedA = await Admin(A)
            .CommitAsync(new CommitRequest { IdempotencyKey = settleKey, ReservationId = firstA.Reservation.Id, AmountYen = 250_000 });

        // B's calls with the same keys act as with keys never seen: B's own reservation and commit.
        var reservedB = await Admin(B)
            .ReserveAsync(new ReserveRequest { IdempotencyKey = reserveKey, BudgetLineId = lineB.Id, AmountYen = 100_000, Purpose = "B" });
        Assert.NotEqual(firstA.Reservation.Id, reservedB.Reservation.Id);
        Assert.Equal((lineB.Id, 100_000L, "B", 400_000L),
            (reservedB.Reservation.BudgetLineId, reservedB.Reservation.AmountYen, reservedB.Reservation.Purpose, reservedB.AvailableYen));
        var committedB = await Admin(B)
            .CommitAsync(new CommitRequest { IdempotencyKey = settleKey, ReservationId = reservedB.Reservation.Id, AmountYen = 60_000 });
        Assert.Equal((ReservationStatus.Committed, 60_000L), (committedB.Reservation.Status, committedB.Reservation.CommittedYen));
        var heldB = await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = lineB.Id });
        Assert.Equal((0L, 60_000L, 440_000L), (heldB.ReservedYen, heldB.CommittedYen, heldB.AvailableYen));

        // Within each municipality the keys still work: retries get the first answer, a different request is refused.
        Assert.Equal(reservedB, await Admin(B)
            .ReserveAsync(new ReserveRequest { IdempotencyKey = reserveKey, BudgetLineId = lineB.Id, AmountYen = 100_000, Purpose = "B" }));
        Assert.Equal(firstA, await Admin(A)
            .ReserveAsync(new ReserveRequest { IdempotencyKey = reserveKey, BudgetLineId = lineA.Id, AmountYen = 300_000, Purpose = "A" }));
        Assert.Equal(committedA, await Admin(A)
            .CommitAsync(new CommitRequest { IdempotencyKey = settleKey, ReservationId = firstA.Reservation.Id, AmountYen = 250_000 }));
        var reused = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => Admin(B).ReserveAsync(new ReserveRequest
        { IdempotencyKey = reserveKey, BudgetLineId = lineB.Id, AmountYen = 1, Purpose = "B" }).ResponseAsync);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", reused.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);

        var heldA = await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = lineA.Id });
        Assert.Equal((1, 0L, 250_000L, 750_000L), (heldA.Reservations.Count, heldA.ReservedYen, heldA.CommittedYen, heldA.AvailableYen));
        // Read after B's retries: still B's one reservation, nothing more reserved or committed.
        heldB = await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = lineB.Id });
        Assert.Equal((reservedB.Reservation.Id, 0L, 60_000L, 440_000L),
            (Assert.Single(heldB.Reservations).Id, heldB.ReservedYen, heldB.CommittedYen, heldB.AvailableYen));
        await using var db = system.OpenDatabase();
        Assert.Equal([(A, reserveKey), (B, reserveKey)],
            (await db.IdempotencyRecords.AsNoTracking().Where(r => r.Key == reserveKey).ToListAsync())
            .Select(r => (r.MunicipalityCode, r.Key)).Order());
    }
}
