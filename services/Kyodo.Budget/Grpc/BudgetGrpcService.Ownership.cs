using Grpc.Core;
using Kyodo.Budget.Plans;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Security;

namespace Kyodo.Budget.Grpc;

/// <summary>
/// A line belongs to its item's CURRENT lead department. The department stamped on the line at
/// creation goes stale when an admin moves the item, so an editor's write asks plan for the lead
/// (with the caller's token) and re-stamps the line in the same write before deciding.
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

    /// <summary>Re-stamps a line whose item now has another lead department, queuing the revised line's event.</summary>
    private void FollowItemLead(Domain.BudgetLine line, PlanItemInfo item, string actor)
    {
        if (line.DepartmentId == item.LeadDepartmentId) return;
        var now = clock.GetUtcNowForStorage();
        line.MoveToDepartment(item.LeadDepartmentId, item.LeadDepartmentName, actor, now);
        QueueRevised(line, now);
    }
}
