using Grpc.Core;
using Kyodo.Plan.Data;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Grpc;

public sealed partial class PlanGrpcService
{
    public override async Task<ListItemsResponse> ListItems(ListItemsRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        Guid? planId = string.IsNullOrEmpty(request.PlanId) ? null : v.Id(request.PlanId, "plan_id");
        Guid? nodeId = string.IsNullOrEmpty(request.NodeId) ? null : v.Id(request.NodeId, "node_id");
        Guid? departmentId = string.IsNullOrEmpty(request.DepartmentId) ? null : v.Id(request.DepartmentId, "department_id");
        var fiscalYear = v.OptionalFiscalYear(request.FiscalYear, "fiscal_year");
        v.Check(request.Stage.Length == 0 || fiscalYear is not null, "stage", PlanErrors.StageNeedsFiscalYear);
        v.MaxLength(request.Text, 200, "text").MaxLength(request.Stage, 50, "stage");
        var page = Paging.Read(request.Page, v);
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        var items = db.Items.AsNoTracking().Where(i => i.MunicipalityCode == request.MunicipalityCode);
        if (planId is { } plan) items = items.Where(i => i.PlanId == plan);
        if (nodeId is { } node)
        {
            var reachablePlans = db.Plans.Reachable(context.Access(), p => p.MunicipalityCode);
            var planOfNode = await db.Nodes.Where(n => n.Id == node && reachablePlans.Any(p => p.Id == n.PlanId))
                .Select(n => (Guid?)n.PlanId).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("node", request.NodeId);
            var under = (await NodePaths.LoadAsync(db, planOfNode, ct)).SelfAndDescendants(node);
            items = items.Where(i => i.Placements.Any(p => under.Contains(p.NodeId)));
        }
        if (departmentId is { } department) items = items.Where(i => i.DepartmentIds.Contains(department));
        if (fiscalYear is { } year)
        {
            var stage = request.Stage.Trim();
            items = stage.Length > 0
                ? items.Where(i => i.Schedule.Any(c => c.FiscalYear == year && c.Stages.Contains(stage)))
                : items.Where(i => i.Schedule.Any(c => c.FiscalYear == year));
        }
        if (request.TargetStakeholder != Stakeholder.Unspecified)
        {
            var stakeholder = (Domain.Stakeholder)request.TargetStakeholder;
            items = items.Where(i => i.TargetStakeholders.Contains(stakeholder));
        }
        foreach (var word in request.Text.Split([' ', '\u3000'], StringSplitOptions.RemoveEmptyEntries))
        {
            var pattern = "%" + EscapeLike(word) + "%";
            items = items.Where(i => EF.Functions.ILike(i.Title, pattern, "\\") || EF.Functions.ILike(i.Purpose, pattern, "\\")
                || EF.Functions.ILike(i.Content, pattern, "\\"));
        }

        // Each item is one row whatever its placements, so the count never counts a re-listing twice.
        var total = await items.CountAsync(ct);
        var paged = page.After is { } after ? items.Where(i => i.Id.CompareTo(after) > 0) : items;
        var found = await paged.OrderBy(i => i.Id).Take(page.Size + 1).WithEverything().ToListAsync(ct);

        var departments = await db.DepartmentsByIdAsync(request.MunicipalityCode, ct);
        var paths = await NodePaths.LoadAsync(db, found.Select(i => i.PlanId), ct);
        var response = new ListItemsResponse { Page = Paging.Next(found, page.Size, i => i.Id), TotalCount = total };
        response.Items.AddRange(found.Take(page.Size).Select(i => i.ToMessage(departments, paths)));
        return response;
    }

    private static string EscapeLike(string word) => word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
