using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.ReadModels;

/// <summary>
/// A plan's deletion takes its items and nodes with it, and the plan service publishes only
/// PlanDeleted for all of them. While the plan's row is a tombstone, each of its live items and
/// nodes is one too, marked as deleted with its plan (<see cref="ItemRow.DeletedWithPlanRevision"/>)
/// rather than given a revision of its own: so an item or node event published before the
/// deletion but delivered after it still finds a tombstone (of a record not seen before, too),
/// and if the plan's tombstone was a mistake (a rebuild that did not find it listed), the plan
/// coming back brings them back as they were. An item or node deleted on its own stays deleted.
/// </summary>
public sealed partial class ReadModelWriter
{
    /// <summary>The revision of the plan's tombstone, which a record of this plan is then deleted with; null while the plan is not
    /// deleted.</summary>
    private async Task<int?> DeletedPlanRevisionAsync(string municipality, Guid planId, CancellationToken ct)
    {
        await LockPlanAsync(planId, exclusive: false, ct);
        return await db.Plans.Where(p => p.MunicipalityCode == municipality && p.PlanId == planId && p.Deleted)
            .Select(p => (int?)p.Revision).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// Marks every live item and node of a deleted plan as deleted with it (at the plan tombstone's
    /// revision), leaving their own revisions, states and times. Returns how many rows it changed;
    /// none when, by the time the lock is held, the plan is no longer that tombstone.
    /// </summary>
    public async Task<int> TombstoneContentsAsync(string municipality, Guid planId, int planRevision, CancellationToken ct)
    {
        await LockPlanAsync(planId, exclusive: true, ct); // held already by a PlanDeleted consumer; the rebuild's cascade takes it here
        // The rebuild's cascade read the deleted plans (untracked) before taking this lock: a newer
        // plan event consumed meanwhile may have revived the plan (and found nothing yet to revive
        // with it), and marking a live plan's contents deleted would hide them until each changes
        // again. Found now, under the lock, the row is the committed one; a PlanDeleted consumer's
        // own row is tracked, so it finds the deletion it is about to save.
        var plan = await db.Plans.FindAsync([municipality, planId], ct);
        if (plan is not { Deleted: true } || plan.Revision != planRevision) return 0;
        var items =
            await db.Items.Where(i => i.MunicipalityCode == municipality && i.PlanId == planId && !i.Deleted).ExecuteUpdateAsync(set => set
            .SetProperty(i => i.Deleted, true).SetProperty(i => i.DeletedWithPlanRevision, planRevision), ct);
        var nodes =
            await db.Nodes.Where(n => n.MunicipalityCode == municipality && n.PlanId == planId && !n.Deleted).ExecuteUpdateAsync(set => set
            .SetProperty(n => n.Deleted, true).SetProperty(n => n.DeletedWithPlanRevision, planRevision), ct);
        return items + nodes;
    }

    /// <summary>
    /// The plan lives (again): what only its deletion had tombstoned comes back with its own state.
    /// Returns how many rows it changed. Needs the plan's exclusive lock, which the caller holds.
    /// </summary>
    public async Task<int> ReviveContentsAsync(string municipality, Guid planId, CancellationToken ct)
    {
        var items = await db.Items.Where(i => i.MunicipalityCode == municipality && i.PlanId == planId && i.DeletedWithPlanRevision != null)
            .ExecuteUpdateAsync(set => set
            .SetProperty(i => i.Deleted, false).SetProperty(i => i.DeletedWithPlanRevision, (int?)null), ct);
        var nodes = await db.Nodes.Where(n => n.MunicipalityCode == municipality && n.PlanId == planId && n.DeletedWithPlanRevision != null)
            .ExecuteUpdateAsync(set => set
            .SetProperty(n => n.Deleted, false).SetProperty(n => n.DeletedWithPlanRevision, (int?)null), ct);
        return items + nodes;
    }

    /// <summary>
    /// Serialises a plan's deletion and revival (exclusive) with writes of its items and nodes (shared)
    /// until the transaction ends: otherwise an item row inserted concurrently, not yet committed, would
    /// be missed by the deletion and stay live. Needs the caller's transaction (a lock taken outside
    /// one ends with its statement).
    /// </summary>
    private Task LockPlanAsync(Guid planId, bool exclusive, CancellationToken ct)
    {
        var key = PlanLockKey(planId);
        return exclusive
            ? db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PlanLockClass}, {key})", ct)
            : db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({PlanLockClass}, {key})", ct);
    }

    /// <summary>The first key of the two-key advisory locks on plans ("PLAN"), apart from any other advisory lock.</summary>
    public const int PlanLockClass = 0x504C414E;

    /// <summary>The second key: the plan id folded to 32 bits.</summary>
    public static int PlanLockKey(Guid planId)
    {
        var bytes = planId.ToByteArray();
        return BitConverter.ToInt32(bytes, 0) ^ BitConverter.ToInt32(bytes, 4) ^ BitConverter.ToInt32(bytes, 8) ^ BitConverter.ToInt32(
            bytes, 12);
    }
}
