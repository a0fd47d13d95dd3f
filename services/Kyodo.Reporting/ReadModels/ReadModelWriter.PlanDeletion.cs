using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.ReadModels;

/// <summary>
/// A plan's deletion takes its items and nodes with it, and the plan service publishes only
/// PlanDeleted for all of them. Their ids are never used again, so their tombstones carry
/// <see cref="FinalRevision"/>, above any revision an event of theirs can carry: an item or node
/// event published before the deletion but delivered after it changes nothing, and one of a
/// record the read model had not seen yet arrives as the same tombstone.
/// </summary>
public sealed partial class ReadModelWriter
{
    /// <summary>The revision of what a plan's deletion tombstones: final, nothing of theirs comes after it.</summary>
    public const int FinalRevision = int.MaxValue;

    /// <summary>The revision and time a record of this plan takes when the plan is a tombstone; null while it is not.</summary>
    private async Task<(int Revision, DateTimeOffset AsOf)?> DeletedPlanAsync(Guid planId, CancellationToken ct)
    {
        await LockPlanAsync(planId, exclusive: false, ct);
        var deleted = await db.Plans.Where(p => p.PlanId == planId && p.Deleted).Select(p => (DateTimeOffset?)p.AsOf).SingleOrDefaultAsync(ct);
        return deleted is { } at ? (FinalRevision, at) : null;
    }

    /// <summary>
    /// Tombstones every item and node of a deleted plan at its tombstone's time (those already
    /// deleted one by one too, so the end state does not depend on which deletion came first).
    /// Returns how many rows it changed.
    /// </summary>
    public async Task<int> TombstoneContentsAsync(Guid planId, DateTimeOffset deletedAt, CancellationToken ct)
    {
        await LockPlanAsync(planId, exclusive: true, ct); // held already by a PlanDeleted consumer; the rebuild's cascade takes it here
        var items = await db.Items.Where(i => i.PlanId == planId && i.Revision != FinalRevision).ExecuteUpdateAsync(set => set
            .SetProperty(i => i.Deleted, true).SetProperty(i => i.Revision, FinalRevision).SetProperty(i => i.AsOf, deletedAt), ct);
        var nodes = await db.Nodes.Where(n => n.PlanId == planId && n.Revision != FinalRevision).ExecuteUpdateAsync(set => set
            .SetProperty(n => n.Deleted, true).SetProperty(n => n.Revision, FinalRevision).SetProperty(n => n.AsOf, deletedAt), ct);
        return items + nodes;
    }

    /// <summary>
    /// Serialises a plan's deletion (exclusive) with writes of its items and nodes (shared) until the
    /// transaction ends: otherwise an item row inserted concurrently, not yet committed, would be
    /// missed by the deletion and stay live. Needs the caller's transaction (a lock taken outside
    /// one ends with its statement).
    /// </summary>
    private Task LockPlanAsync(Guid planId, bool exclusive, CancellationToken ct)
    {
        var bytes = planId.ToByteArray();
        var key = BitConverter.ToInt32(bytes, 0) ^ BitConverter.ToInt32(bytes, 4) ^ BitConverter.ToInt32(bytes, 8) ^ BitConverter.ToInt32(bytes, 12);
        return exclusive
            ? db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PlanLockClass}, {key})", ct)
            : db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({PlanLockClass}, {key})", ct);
    }

    /// <summary>The first key of the two-key advisory locks on plans ("PLAN"), apart from any other advisory lock.</summary>
    private const int PlanLockClass = 0x504C414E;
}
