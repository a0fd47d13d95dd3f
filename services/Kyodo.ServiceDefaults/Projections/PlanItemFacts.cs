using Microsoft.EntityFrameworkCore;

namespace Kyodo.ServiceDefaults.Projections;

/// <summary>
/// Reads and writes <see cref="PlanItemFact"/> rows. Every write keeps the highest revision
/// (an older or repeated state changes nothing) in one INSERT … ON CONFLICT, so a consumer and a
/// write that asked the plan service can record the same item at once. Writes about one plan are
/// serialised with its deletion by an advisory lock per plan (shared by item writes, exclusive by
/// the deletion): an item recorded concurrently with its plan's deletion is not left alive.
/// </summary>
public static class PlanItemFacts
{
    /// <summary>The item as last seen, or null when this service has not seen it yet.</summary>
    public static Task<PlanItemFact?> FindPlanItemAsync(this DbContext db, Guid itemId, CancellationToken ct) =>
        db.Set<PlanItemFact>().AsNoTracking().SingleOrDefaultAsync(f => f.ItemId == itemId, ct);

    /// <summary>Records a state of a living item (an event's snapshot, or the plan service's answer).</summary>
    public static Task RecordPlanItemAsync(this DbContext db, PlanItemState item, CancellationToken ct) =>
        InPlanLockAsync(db, item.PlanId, exclusive: false, ct, () => db.Database.ExecuteSqlAsync($"""
            INSERT INTO plan_item_facts AS f (item_id, municipality_code, plan_id, title, lead_department_id, lead_department_name,
                revision, deleted)
            VALUES ({item.ItemId}, {item.MunicipalityCode}, {item.PlanId}, {item.Title}, {item.LeadDepartmentId}, {item.LeadDepartmentName},
                {item.Revision},
                    EXISTS (SELECT 1 FROM deleted_plan_facts d WHERE d.plan_id = {item.PlanId}))
            ON CONFLICT (item_id) DO UPDATE SET municipality_code = EXCLUDED.municipality_code, plan_id = EXCLUDED.plan_id, title =
                EXCLUDED.title,
                lead_department_id = EXCLUDED.lead_department_id, lead_department_name = EXCLUDED.lead_department_name,
                revision = EXCLUDED.revision, deleted = EXCLUDED.deleted
            WHERE f.revision < EXCLUDED.revision
            """, ct));

    /// <summary>Records an item's deletion (its revision is above every state it had); what was known of it stays.</summary>
    public static Task RecordPlanItemDeletedAsync(this DbContext db, string municipalityCode, Guid itemId, Guid planId, int revision,
        CancellationToken ct) =>
        InPlanLockAsync(db, planId, exclusive: false, ct, () => db.Database.ExecuteSqlAsync($"""
            INSERT INTO plan_item_facts AS f (item_id, municipality_code, plan_id, title, lead_department_id, lead_department_name,
                revision, deleted)
            VALUES ({itemId}, {municipalityCode}, {planId}, '', NULL, '', {revision}, TRUE)
            ON CONFLICT (item_id) DO UPDATE SET revision = EXCLUDED.revision, deleted = TRUE
            WHERE f.revision < EXCLUDED.revision
            """, ct));

    /// <summary>Records a plan's deletion: every item of it known now is deleted, and any state of one arriving later too.</summary>
    public static Task RecordPlanDeletedAsync(this DbContext db, string municipalityCode, Guid planId, CancellationToken ct) =>
        InPlanLockAsync(db, planId, exclusive: true, ct, async () =>
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO deleted_plan_facts (plan_id, municipality_code) VALUES ({planId}, {municipalityCode}) ON CONFLICT DO NOTHING
                """, ct);
            return await db.Database.ExecuteSqlAsync($"UPDATE plan_item_facts SET deleted = TRUE WHERE plan_id = {planId} AND NOT deleted",
                ct);
        });

    private static async Task InPlanLockAsync(DbContext db, Guid planId, bool exclusive, CancellationToken ct, Func<Task<int>> write)
    {
        // A transaction-scoped lock needs a transaction: a consumer's (the inbox's), else one of its own.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using (own)
        {
            var key = "plan-item-facts:" + planId;
            if (exclusive) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
            else await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared(hashtextextended({key}, 0))", ct);
            await write();
            if (own is not null) await own.CommitAsync(ct);
        }
    }
}
