using Grpc.Core;
using Kyodo.Budget.Plans;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Security;

namespace Kyodo.Budget.Grpc;

/// <summary>
/// A line belongs to its item's CURRENT lead department. The department stamped on the line at
/// creation goes stale when an admin moves the item, so an editor's write asks plan for the lead
/// (with the caller's token) and re-stamps the line in the same write before deciding; a reader
/// deciding ownership elsewhere asks GetBudgetLine for the current lead (current_lead).
/// </summary>
public sealed partial class BudgetGrpcService
{
    /// <summary>PERMISSION_DENIED unless a department-limited caller works for the line's item's current lead department.</summary>
    private async Task EnsureOwnsLineAsync(Domain.BudgetLine line, ServerCallContext context, CancellationToken ct)
    {
        if (!context.Access().IsDepartmentLimited) return;
        await EnsureOwnsLineAsync(line, await planItems.GetAsync(line.ItemId, line.MunicipalityCode, ct), context, ct);
    }

    private async Task EnsureOwnsLineAsync(Domain.BudgetLine line, PlanItemInfo item, ServerCallContext context, CancellationToken ct)
    {
        // Re-stamping appends a revision: its number needs the revisions (not loaded on the reservation path).
        if (line.DepartmentId != item.LeadDepartmentId) await db.Entry(line).Collection(l => l.Revisions).LoadAsync(ct);
        FollowItemLead(line, item, context.Actor());
        // Nothing is saved when this refuses: the re-stamp waits for a write that is allowed.
        context.Access().EnsureOwns(line.DepartmentId is { } department ? [department] : [], "budget line");
    }

    /// <summary>
    /// The department the line belongs to now, for a reader deciding ownership (the subsidy service):
    /// its item's current lead, asked from plan with the caller's token; null when the item is gone
    /// (the line then belongs to no department, so only admins may act on it). Writes nothing.
    /// </summary>
    private async Task<Common.V1.DepartmentRef?> CurrentLeadAsync(Domain.BudgetLine line, CancellationToken ct)
    {
        PlanItemInfo item;
        try { item = await planItems.GetAsync(line.ItemId, line.MunicipalityCode, ct); }
        catch (NotFoundException) { return null; }
        return item.LeadDepartmentId is { } lead
            ? new Common.V1.DepartmentRef { MunicipalityCode = line.MunicipalityCode, Id = lead.ToString(), Name = item.LeadDepartmentName }
            : null;
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
