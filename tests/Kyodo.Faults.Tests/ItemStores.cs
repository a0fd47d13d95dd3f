using Kyodo.Audit;
using Kyodo.Contracts.Plan;
using Kyodo.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Faults.Tests;

/// <summary>What the plan service and reporting hold of one plan's items after a fault, read from their databases.</summary>
internal sealed record ItemStores(
    IReadOnlyDictionary<Guid, int> PlanItems,
    IReadOnlySet<Guid> ItemCreatedEvents,
    IReadOnlySet<Guid> ItemCreatedAudits,
    IReadOnlyDictionary<Guid, int> ReportingItems,
    int ReportingInboxOfThoseEvents)
{
    public static async Task<ItemStores> ReadAsync(FaultSystem system, string planId)
    {
        var plan = Guid.Parse(planId);
        await using var planDb = system.OpenPlanDatabase();
        var items = await planDb.Items.AsNoTracking().Where(i => i.PlanId == plan).ToDictionaryAsync(i => i.Id, i => i.Revision);
        // payload is jsonb: filtered here, not in SQL (a few thousand rows at most).
        var events =
            (await planDb.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == typeof(ItemCreated).FullName).ToListAsync())
            .Select(m => (m.MessageId, Item: items.Keys.FirstOrDefault(id => m.Payload.Contains(id.ToString(), StringComparison.Ordinal))))
            .Where(e => e.Item != Guid.Empty).ToList();
        var ids = items.Keys.Select(id => id.ToString()).ToList();
        var audits = await planDb.Set<AuditRecord>().AsNoTracking()
            .Where(a => a.RecordType == "item" && a.Action == AuditActions.Created && ids.Contains(a.RecordId)).Select(a => a.RecordId)
            .ToListAsync();

        await using var reportingDb = system.OpenReportingDatabase();
        var rows = await reportingDb.Items.AsNoTracking().Where(i => i.PlanId == plan).ToDictionaryAsync(i => i.ItemId, i => i.Revision);
        var messageIds = events.Select(e => e.MessageId).ToList();
        var inbox = await reportingDb.Set<InboxMessage>().AsNoTracking().Where(m => messageIds.Contains(m.MessageId))
            .Select(m => m.MessageId).Distinct().CountAsync();
        return new ItemStores(items, events.Select(e => e.Item).ToHashSet(), audits.Select(Guid.Parse).ToHashSet(), rows, inbox);
    }

    /// <summary>Reporting holds every item of the plan, at the plan's revision, and nothing else.</summary>
    public bool ReportingComplete =>
        ReportingItems.Count == PlanItems.Count && PlanItems.All(i => ReportingItems.GetValueOrDefault(i.Key) == i.Value);

    public override string ToString() =>
        $"plan {PlanItems.Count} items, {ItemCreatedEvents.Count} ItemCreated in its outbox, {ItemCreatedAudits.Count} audit rows; "
        + $"reporting {ReportingItems.Count} items, {ReportingInboxOfThoseEvents} of those events in its inbox";
}
