using Kyodo.Reporting.Data;
using Kyodo.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// The department summary's plan, department and node filters name something the read models
/// know, as the plan reports' and trends' do: else NOT_FOUND, the same for an id of another
/// municipality as for one nobody has, rather than an empty table that looks like "nothing yet".
/// Returns what the title names: the plan's and department's names and the node.
/// </summary>
internal static class SummaryFilters
{
    public static async Task<(string? Plan, string? Department, NodeFilter? Node)> ResolveAsync(ReportingDbContext db, string code,
        Guid? planId, Guid? departmentId, Guid? nodeId, CancellationToken ct)
    {
        string? plan = null, department = null;
        if (planId is { } p)
            plan = await db.Plans.Where(r => r.MunicipalityCode == code && r.PlanId == p && !r.Deleted).Select(r => r.Name)
                .SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("plan", p.ToString());
        if (departmentId is { } d)
            department = (await DepartmentNames.OfAsync(db, code, [d], ct)).GetValueOrDefault(d).Name
                ?? throw new NotFoundException("department", d.ToString());
        return (plan, department, await NodeFilter.ResolveAsync(db, code, nodeId, planId, ct));
    }
}
