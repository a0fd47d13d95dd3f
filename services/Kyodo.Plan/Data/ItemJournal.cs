using System.Text.Json;
using Kyodo.Contracts;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.Domain;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Messaging;

namespace Kyodo.Plan.Data;

/// <summary>
/// Every accepted change of an item goes through here: it gets the next revision, its
/// history row, and its event in the outbox, all in the caller's unit of work.
/// </summary>
internal sealed class ItemJournal(PlanDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Records a change of <paramref name="item"/>. <paramref name="eventFor"/> builds its event from
    /// the new snapshot (event id, time and municipality are supplied).
    /// </summary>
    public async Task<ItemSnapshot> RecordAsync(Item item, string kind, string summary, string actor,
        Func<Guid, DateTimeOffset, ItemSnapshot, IIntegrationEvent> eventFor, CancellationToken ct) =>
        Record(item, kind, summary, actor, eventFor,
            await db.DepartmentsByIdAsync(item.MunicipalityCode, ct),
            await NodePaths.LoadAsync(db, item.PlanId, ct));

    /// <summary>
    /// As <see cref="RecordAsync"/>, with the departments and nodes already at hand: imports and renumbering
    /// record many items with one read, and the item writes reuse what they read to check the request.
    /// </summary>
    public ItemSnapshot Record(Item item, string kind, string summary, string actor,
        Func<Guid, DateTimeOffset, ItemSnapshot, IIntegrationEvent> eventFor,
        IReadOnlyDictionary<Guid, Department> departments, NodePaths nodes)
    {
        var now = clock.GetUtcNowForStorage();
        item.Touch(now);
        var snapshot = ItemSnapshots.Of(item, departments, nodes);
        db.ItemChanges.Add(new ItemChange(Guid.CreateVersion7(now), item.Id, item.Revision, kind, summary,
            JsonSerializer.Serialize(snapshot, Json), actor, now));
        db.AddIntegrationEvent(eventFor(Guid.NewGuid(), now, snapshot));
        return snapshot;
    }

    public void RecordDeletion(Item item, string actor)
    {
        var now = clock.GetUtcNowForStorage();
        db.ItemChanges.Add(new ItemChange(Guid.CreateVersion7(now), item.Id, item.Revision + 1, "deleted",
            $"deleted \"{item.Title}\"", "{}", actor, now));
        db.AddIntegrationEvent(new ItemDeleted(Guid.NewGuid(), now, item.MunicipalityCode, item.Id, item.PlanId, item.Revision + 1));
    }
}
