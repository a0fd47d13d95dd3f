using Kyodo.Reporting.ReadModels;
using Microsoft.EntityFrameworkCore;
using static Kyodo.Reporting.Tests.SummaryEvents;

namespace Kyodo.Reporting.Tests;

/// <summary>FundsReserved, FundsCommitted and FundsReleased into one row per reservation, whatever their order.</summary>
public sealed class ReservationReadModelTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private const string Code = "20209";
    private static readonly DateTimeOffset At = new(2020, 7, 1, 3, 0, 0, TimeSpan.Zero);

    private async Task<ReservationRow> RowAsync(Guid reservationId)
    {
        await using var db = fixture.OpenDatabase();
        return await db.Reservations.AsNoTracking().SingleAsync(r => r.ReservationId == reservationId);
    }

    /// <summary>Every column but the key, the purpose (checked apart) and the row version.</summary>
    private sealed record Seen(string Municipality, Guid Line, long AmountYen, long CommittedYen, long ReleasedYen, string State,
        int Revision, bool Deleted, DateTimeOffset AsOf);

    private static Seen Columns(ReservationRow r) =>
        new(r.MunicipalityCode, r.BudgetLineId, r.AmountYen, r.CommittedYen, r.ReleasedYen, r.State, r.Revision, r.Deleted, r.AsOf);

    [Fact]
    public async Task ACommitArrivingBeforeItsReservationEndsCommittedWithThePurposeAsInOrderAndDuplicatesChangeNothing()
    {
        var (line, inOrder, reordered) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await fixture.PublishAndWaitAsync(
            Reserved(Code, line, inOrder, 150_000, At), Committed(Code, line, inOrder, 120_000, 30_000, At.AddDays(30)));
        var committed = Committed(Code, line, reordered, 120_000, 30_000, At.AddDays(30));
        var reserved = Reserved(Code, line, reordered, 150_000, At);
        await fixture.PublishAndWaitAsync(committed, committed);
        await fixture.PublishAndWaitAsync(reserved, reserved with { EventId = Guid.NewGuid() }); // late, and replayed under a new id

        var expected = await RowAsync(inOrder);
        var row = await RowAsync(reordered);

        Assert.Equal(new Seen(Code, line, 150_000, 120_000, 30_000, ReadModelWriter.Committed, 2, false, At.AddDays(30)), Columns(row));
        Assert.Equal($"subsidy-application:{reordered}", row.Purpose); // only FundsReserved carries it
        Assert.Equal(Columns(expected), Columns(row));
    }

    [Fact]
    public async Task AReleaseWinsOverItsReservationInEitherOrderAndAnOpenReservationStaysReserved()
    {
        var (line, releasedFirst, reservedFirst, open) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // Each order in batches of its own: within one batch the consumers may take events in any order.
        await fixture.PublishAndWaitAsync(Released(Code, line, releasedFirst, 100_000, At.AddDays(2)),
            Reserved(Code, line, reservedFirst, 100_000, At));
        await fixture.PublishAndWaitAsync(Reserved(Code, line, releasedFirst, 100_000, At),
            Released(Code, line, reservedFirst, 100_000, At.AddDays(2)), Reserved(Code, line, open, 200_000, At.AddDays(1)));

        foreach (var released in new[] { releasedFirst, reservedFirst })
        {
            Assert.Equal(new Seen(Code, line, 100_000, 0, 100_000, ReadModelWriter.Released, 2, false, At.AddDays(2)),
                Columns(await RowAsync(released)));
            Assert.Equal($"subsidy-application:{released}", (await RowAsync(released)).Purpose);
        }
        Assert.Equal(new Seen(Code, line, 200_000, 0, 0, ReadModelWriter.Reserved, 1, false, At.AddDays(1)), Columns(await RowAsync(open)));
    }
}
