using Grpc.Core;
using Kyodo.Budget.Plans;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Security;

namespace Kyodo.Budget.Grpc;

/// <summary>
/// A line belongs to its item's CURRENT lead department, as this service knows it (IPlanItems: its
/// record of the plan service's items, fed by their events). The department stamped on the line at
/// creation goes stale when an admin moves the item, so an editor's write re-stamps the line in the
/// same write before deciding; a reader deciding ownership elsewhere asks GetBudgetLine for the
/// current lead (current_lead).
/// </summary>
public sealed partial class BudgetGrpcService
{
    /// <summary>
    /// For a department-limited caller, the line's item as known now (NOT_FOUND when it is gone); null
    /// for a caller who may act on any line. Call before opening a transaction: an item not seen yet
    /// is asked of the plan service.
    /// </summary>
    private async Task<PlanItemInfo?> ItemForOwnershipAsync(Guid itemId, string municipalityCode, ServerCallContext context,
        CancellationToken ct) =>
        context.Access().IsDepartmentLimited ? await planItems.GetAsync(itemId, municipalityCode, ct) : null;

    /// <summary>PERMISSION_DENIED unless a department-limited caller works for the line's item's current lead department.</summary>
    private async Task EnsureOwnsLineAsync(Domain.BudgetLine line, PlanItemInfo? item, ServerCallContext context, CancellationToken ct)
    {
        if (item is null) return; // a caller who may act on any line
        // Re-stamping appends a revision: its number needs the revisions (not loaded on the reservation path).
        if (line.DepartmentId != item.LeadDepartmentId) await db.Entry(line).Collection(l => l.Revisions).LoadAsync(ct);
        FollowItemLead(line, item, context.Actor());
        // Nothing is saved when this refuses: the re-stamp waits for a write that is allowed.
        context.Access().EnsureOwns(line.DepartmentId is { } department ? [department] : [], "budget line");
    }

    /// <summary>
    /// The line's item as known now, for a reader deciding ownership (the subsidy service): its lead
    /// is the department the line belongs to now, none when the item is gone (only admins then act on
    /// the line); null when the plan service knows no such item. Writes nothing of the line.
    /// </summary>
    private async Task<V1.LineItem?> CurrentItemAsync(Domain.BudgetLine line, CancellationToken ct)
    {
        if (await planItems.FindAsync(line.ItemId, line.MunicipalityCode, ct) is not { } item) return null;
        return new V1.LineItem
        {
            Id = item.ItemId.ToString(),
            PlanId = item.PlanId.ToString(),
            MunicipalityCode = item.MunicipalityCode,
            Lead = !item.Deleted && item.LeadDepartmentId is { } lead
                ? new Common.V1.DepartmentRef
                {
                    MunicipalityCode = line.MunicipalityCode, Id = lead.ToString(),
                    Name = item.LeadDepartmentName
                }
                : null,
            Revision = item.Revision,
            Deleted = item.Deleted,
        };
    }

    /// <summary>Re-stamps a line whose item now has another lead department, queuing the revised line's event.</summary>
    private void FollowItemLead(Domain.BudgetLine line, PlanItemInfo item, string actor)
    {
        if (line.DepartmentId == item.LeadDepartmentId) return;
        var now = clock.GetUtcNowForStorage();
        line.MoveToDepartment(item.LeadDepartmentId, item.LeadDepartmentName, actor, now);
        QueueRevised(line, now);
    }
}
