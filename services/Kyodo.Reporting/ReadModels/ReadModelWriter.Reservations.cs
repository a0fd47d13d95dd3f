using Kyodo.Contracts.Budget;

namespace Kyodo.Reporting.ReadModels;

/// <summary>
/// Reservations from FundsReserved, FundsCommitted and FundsReleased, which carry no revision:
/// a reservation is revision 1 and its end (committed or released, each final) revision 2. The
/// end wins whatever the arrival order; a FundsReserved arriving after it still fills in the
/// purpose, which only it carries. Duplicates change nothing.
/// </summary>
public sealed partial class ReadModelWriter
{
    public const string Reserved = "Reserved", Committed = "Committed", Released = "Released";
    private const int ReservedRevision = 1, EndedRevision = 2;

    public async Task ApplyAsync(FundsReserved m, CancellationToken ct)
    {
        var row = await ReservationAsync(m.MunicipalityCode, m.ReservationId, m.BudgetLineId, ct);
        if (row.Deleted && !fromLists) return;
        // only a rebuild that did not find it listed tombstones a reservation; a list that holds it again proves it lives
        row.Deleted = false;
        (row.Purpose, row.AmountYen) = (m.Purpose, m.AmountYen); // facts of the reservation: the same in every event of it
        if (row.Revision < ReservedRevision) Move(row, Reserved, 0, 0, ReservedRevision, m.OccurredAt);
    }

    public async Task ApplyAsync(FundsCommitted m, CancellationToken ct)
    {
        var row = await ReservationAsync(m.MunicipalityCode, m.ReservationId, m.BudgetLineId, ct);
        if (row.Revision >= EndedRevision) return;
        row.AmountYen = m.CommittedYen + m.ReleasedYen;
        Move(row, Committed, m.CommittedYen, m.ReleasedYen, EndedRevision, m.OccurredAt);
    }

    public async Task ApplyAsync(FundsReleased m, CancellationToken ct)
    {
        var row = await ReservationAsync(m.MunicipalityCode, m.ReservationId, m.BudgetLineId, ct);
        if (row.Revision >= EndedRevision) return;
        row.AmountYen = m.ReleasedYen;
        Move(row, Released, 0, m.ReleasedYen, EndedRevision, m.OccurredAt);
    }

    private async Task<ReservationRow> ReservationAsync(string municipality, Guid reservationId, Guid lineId, CancellationToken ct)
    {
        var row = await db.Reservations.FindAsync([municipality, reservationId], ct);
        if (row is null)
        {
            row = new ReservationRow { ReservationId = reservationId, BudgetLineId = lineId, MunicipalityCode = municipality };
            db.Reservations.Add(row);
        }
        return row;
    }

    private static void Move(ReservationRow row, string state, long committedYen, long releasedYen, int revision, DateTimeOffset at)
    {
        (row.State, row.CommittedYen, row.ReleasedYen, row.Revision) = (state, committedYen, releasedYen, revision);
        row.AsOf = at.ToUniversalTime();
    }
}
