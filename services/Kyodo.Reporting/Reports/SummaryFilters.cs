using Kyodo.Reporting.Data;
using Kyodo.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// The department summary's plan and department filters name something the read models know,
/// as the plan reports' and trends' do: else NOT_FOUND, the same for an id of another
/// municipality as for one nobody has, rather than an empty table that looks like "nothing yet".
/// </summary>
internal static class SummaryFilters
{
    public static async Task EnsureKnownAsync(ReportingDbContext db, string code, Guid? planId, Guid? departmentId, CancellationToken ct)
    {
        if (planId is { } p && !await db.Plans.AnyAsync(r => r.PlanId == p && r.MunicipalityCode == code && !r.Deleted, ct))
            throw new NotFoundException("plan", p.ToString());
        if (departmentId is { } d && !await DepartmentKnownAsync(db, code, d, ct))
            throw new NotFoundException("department", d.ToString());
    }

    /// <summary>Its row, or (while its DepartmentChanged is still on its way) a live item or budget line of the municipality naming it.</summary>
    private static async Task<bool> DepartmentKnownAsync(ReportingDbContext db, string code, Guid departmentId, CancellationToken ct)
    {
        if (await db.Departments.AnyAsync(r => r.DepartmentId == departmentId && r.MunicipalityCode == code && !r.Deleted, ct)) return true;
        var named = $$"""{"departments":[{"departmentId":"{{departmentId}}"}]}""";
        return await db.Items.AnyAsync(i => i.MunicipalityCode == code && !i.Deleted && EF.Functions.JsonContains(i.SnapshotJson, named), ct)
            || await db.BudgetLines.AnyAsync(l => l.MunicipalityCode == code && !l.Deleted && l.DepartmentId == departmentId, ct);
    }
}
