using Kyodo.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Data;

/// <summary>
/// The plan row's lock that serialises a change of its period with the item writes it could strand
/// (the rule itself: Domain.PlanPeriodChange; decision 009).
/// </summary>
internal static class PlanLocks
{
    /// <summary>
    /// Locks the plan's row until the caller's transaction ends: exclusively for a change of its period,
    /// shared for an item write that checks its years against the period. So the period check and the
    /// write it guards cannot interleave with the other side's (a plain SELECT: EF's FromSql would miss xmin).
    /// Only a plan of <paramref name="municipalityScope"/> (the caller's; null reaches every one) is
    /// locked, so a caller naming another city's plan neither waits on its row nor holds it; the
    /// caller's read that follows then finds nothing and answers as for a missing plan.
    /// </summary>
    public static async Task LockPlanAsync(PlanDbContext db, Guid planId, string? municipalityScope, bool exclusive, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A plan's row lock needs the caller's transaction.");
        var query = (exclusive, municipalityScope) switch
        {
            (true, null) => db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM plans WHERE id = {planId} FOR UPDATE"),
            (true, { } code) => db.Database.SqlQuery<Guid>(
                $"SELECT id AS \"Value\" FROM plans WHERE id = {planId} AND municipality_code = {code} FOR UPDATE"),
            (false, null) => db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM plans WHERE id = {planId} FOR SHARE"),
            (false, { } code) => db.Database.SqlQuery<Guid>(
                $"SELECT id AS \"Value\" FROM plans WHERE id = {planId} AND municipality_code = {code} FOR SHARE"),
        };
        await query.ToListAsync(ct);
    }

    /// <summary>
    /// The plan of an item write, share-locked so its period holds until the write commits (see
    /// <see cref="LockPlanAsync"/>), read in the same round trip as the lock: under READ COMMITTED a
    /// read that waited on the lock returns the row as its holder committed it. Null when there is no
    /// such plan or it is not of <paramref name="municipalityScope"/> (the caller's; null reaches every
    /// one), and then nothing is locked.
    /// </summary>
    public static async Task<Domain.Plan?> ReadPlanForItemWriteAsync(PlanDbContext db, Guid planId, string? municipalityScope,
        CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A plan's row lock needs the caller's transaction.");
        var plans = db.Plans.AsNoTracking().Where(p => p.Id == planId);
        if (municipalityScope is not null) plans = plans.Where(p => p.MunicipalityCode == municipalityScope);
        return await plans.ForShare().SingleOrDefaultAsync(ct);
    }

    /// <summary>The plan of a write to one of its items (<see cref="ReadPlanForItemWriteAsync(PlanDbContext, Guid, string?,
    /// CancellationToken)"/>). The item was found in the caller's reach, and so is its plan.</summary>
    public static async Task<Domain.Plan> ReadPlanForItemWriteAsync(PlanDbContext db, Guid planId, CancellationToken ct) =>
        await ReadPlanForItemWriteAsync(db, planId, municipalityScope: null, ct)
        ?? throw new InvalidOperationException($"The plan {planId} of an item in reach is missing.");
}
