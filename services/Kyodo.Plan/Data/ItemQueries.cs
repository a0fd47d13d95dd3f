using Kyodo.Plan.Domain;
using Kyodo.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Data;

public static class ItemQueries
{
    /// <summary>Items with everything they own (placements, schedule, indicators with their years).</summary>
    public static IQueryable<Item> WithEverything(this IQueryable<Item> items) =>
        items.Include(i => i.Placements).Include(i => i.Schedule).Include(i => i.Indicators).AsSplitQuery();

    /// <summary>An item, tracked for change, or NOT_FOUND.</summary>
    public static async Task<Item> GetItemForChangeAsync(this PlanDbContext db, Guid id, CancellationToken ct) =>
        await db.Items.WithEverything().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new NotFoundException("item", id.ToString());

    /// <summary>The item owning an indicator, tracked for change, or NOT_FOUND naming the indicator.</summary>
    public static async Task<Item> GetItemOfIndicatorForChangeAsync(this PlanDbContext db, Guid indicatorId, CancellationToken ct) =>
        await db.Items.WithEverything().SingleOrDefaultAsync(i => i.Indicators.Any(x => x.Id == indicatorId), ct)
            ?? throw new NotFoundException("indicator", indicatorId.ToString());
}
