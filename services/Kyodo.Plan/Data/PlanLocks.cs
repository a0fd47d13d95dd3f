using Kyodo.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Data;

/// <summary>
/// The plan row's lock that serialises the plan's structural changes (a change of its period, a node's
/// deletion: exclusive) with the item and node writes they could strand (shared), so a write that checks
/// its years or its nodes against the plan sees them as they stay until it commits (the period rule
/// itself: Domain.PlanPeriodChange; decision 009).
/// </summary>
internal static class PlanLocks
{
    /// <summary>
    /// Locks the plan's row exclusively until the caller's transaction ends, for a structural change (its
    /// period, a node's deletion) that the item and node writes holding it shared (<see cref="ReadPlanShareLockedAsync(PlanDbContext,
    /// Guid, string?, CancellationToken)"/>) could strand. So the change's checks and those writes cannot interleave (a plain
    /// SELECT: EF's FromSql would miss xmin). Only a plan of <paramref name="municipalityScope"/> (the caller's; null reaches every
    /// one) is locked, so a caller naming another city's plan neither waits on its row nor holds it; the caller's read that follows
    /// then finds nothing and answers as for a missing plan.
    /// </summary>
    public static async Task LockPlanExclusivelyAsync(PlanDbContext db, Guid planId, string? municipalityScope, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A plan's row lock needs the caller's transaction.");
        var query = municipalityScope is { } code
            ? db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM plans WHERE id = {planId} AND municipality_code = {code} FOR UPDATE")
            : db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM plans WHERE id = {planId} FOR UPDATE");
        await query.ToListAsync(ct);
    }

    /// <summary>
    /// The plan of an item or node write, share-locked so its period and nodes hold until the write commits (see
    /// <see cref="LockPlanExclusivelyAsync"/>), read in the same round trip as the lock: under READ COMMITTED a
    /// read that waited on the lock returns the row as its holder committed it. Null when there is no
    /// such plan or it is not of <paramref name="municipalityScope"/> (the caller's; null reaches every
    /// one), and then nothing is locked.
    /// </summary>
    public static async Task<Domain.Plan?> ReadPlanShareLockedAsync(PlanDbContext db, Guid planId, string? municipalityScope,
        CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A plan's row lock needs the caller's transaction.");
        var plans = db.Plans.AsNoTracking().Where(p => p.Id == planId);
        if (municipalityScope is not null) plans = plans.Where(p => p.MunicipalityCode == municipalityScope);
        return await plans.ForShare().SingleOrDefaultAsync(ct);
    }

    /// <summary>The plan of a write to one of its items or nodes (<see cref="ReadPlanShareLockedAsync(PlanDbContext, Guid, string?,
    /// CancellationToken)"/>). The item or node was found in the caller's reach, and so is its plan.</summary>
    public static async Task<Domain.Plan> ReadPlanShareLockedAsync(PlanDbContext db, Guid planId, CancellationToken ct) =>
        await ReadPlanShareLockedAsync(db, planId, municipalityScope: null, ct)
        ?? throw new InvalidOperationException($"The plan {planId} of a record in reach is missing.");
}
