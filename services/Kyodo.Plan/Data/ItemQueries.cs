using Kyodo.Plan.Domain;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Data;

public static class ItemQueries
{
    /// <summary>Items with everything they own (placements, schedule, indicators with their years).</summary>
    public static IQueryable<Item> WithEverything(this IQueryable<Item> items) =>
        items.Include(i => i.Placements).Include(i => i.Schedule).Include(i => i.Indicators).AsSplitQuery();

    /// <summary>A plan's items with everything they own, untracked, in id order.</summary>
    public static Task<List<Item>> ItemsOfPlanAsync(this PlanDbContext db, Guid planId, CancellationToken ct) =>
        db.Items.AsNoTracking().WithEverything().Where(i => i.PlanId == planId).OrderBy(i => i.Id).ToListAsync(ct);

    /// <summary>
    /// An item the caller may change, tracked: NOT_FOUND when missing or of another municipality,
    /// PERMISSION_DENIED when an editor's departments are not among the item's.
    /// </summary>
    public static async Task<Item> GetItemForChangeAsync(this PlanDbContext db, Guid id, CallAccess access, CancellationToken ct)
    {
        var item = await db.Items.Reachable(access, i => i.MunicipalityCode).WithEverything().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new NotFoundException("item", id.ToString());
        access.EnsureOwns(item.DepartmentIds, "item");
        return item;
    }

    /// <summary>The item owning an indicator, tracked for change, or NOT_FOUND naming the indicator.</summary>
    public static async Task<Item> GetItemOfIndicatorForChangeAsync(this PlanDbContext db, Guid indicatorId, CallAccess access,
        CancellationToken ct)
    {
        var item = await db.Items.Reachable(access, i => i.MunicipalityCode).WithEverything()
            .SingleOrDefaultAsync(i => i.Indicators.Any(x => x.Id == indicatorId), ct)
            ?? throw new NotFoundException("indicator", indicatorId.ToString());
        access.EnsureOwns(item.DepartmentIds, "item");
        return item;
    }
}
