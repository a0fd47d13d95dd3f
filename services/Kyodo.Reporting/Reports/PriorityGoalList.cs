using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.Reporting.V1;
using Kyodo.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using static Kyodo.Reporting.Reports.Cells;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// Report 4, the 重点目標一覧表 (seed 002, Ueda): a department's priority goals with the years
/// side by side. One row per goal and item line: for each year the goal, the item (①…), its
/// 達成状況・達成度 and its 期限・数値目標等, so a goal's past-year status sits beside its next-year target.
/// </summary>
internal static class PriorityGoalList
{
    private sealed record Goal(PriorityGoalRow Row, IReadOnlyList<PriorityGoalItemRow> Items);

    public static async Task<Report> BuildAsync(ReportingDbContext db, string code, Guid? departmentId,
        IReadOnlyCollection<int> fiscalYears, CancellationToken ct)
    {
        var department = departmentId is { } id
            ? await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.MunicipalityCode == code && d.DepartmentId == id, ct)
            : null;
        var wanted = fiscalYears.ToArray();
        var rows = await db.PriorityGoals.AsNoTracking()
            .Where(g => g.MunicipalityCode == code && !g.Deleted && (departmentId == null || g.DepartmentId == departmentId))
            .Where(g => wanted.Length == 0 || wanted.Contains(g.FiscalYear))
            .ToListAsync(ct);
        // A department of another municipality reads as missing; one whose DepartmentChanged is still on its way is known by its goals.
        if (departmentId is not null && (department is null || department.Deleted) && rows.Count == 0)
            throw new NotFoundException("department", departmentId.Value.ToString());

        var ids = rows.Select(r => r.GoalId).ToList();
        var items = (await db.PriorityGoalItems.AsNoTracking().Where(i => i.MunicipalityCode == code && ids.Contains(i.GoalId))
            .ToListAsync(ct)).ToLookup(i => i.GoalId);
        var goals = rows.Select(r => new Goal(r, items[r.GoalId].OrderBy(i => i.Position).ToList())).ToList();
        var years = fiscalYears.Count > 0 ? fiscalYears.Distinct().Order().ToList()
            : goals.Select(g => g.Row.FiscalYear).Distinct().Order().ToList();
        var departmentName =
            department is { Deleted: false } ? department.Name : goals.Select(g => g.Row.DepartmentName).FirstOrDefault() ?? "";

        var report = new ReportBuilder(departmentId is null ? "重点目標一覧表" : $"重点目標一覧表 {departmentName}", code);
        report.Includes(department?.AsOf);
        foreach (var goal in goals) report.Includes(goal.Row.AsOf);

        var columns = new List<(string, ColumnKind)> { ("担当部局", ColumnKind.Text), ("番号", ColumnKind.Count) };
        foreach (var year in years)
        {
            var label = Japanese.FiscalYearLabel(year);
            columns.AddRange([($"{label} 重点目標", ColumnKind.Text), ($"{label} 具体的な重点取組項目", ColumnKind.Text),
                ($"{label} 達成状況・達成度", ColumnKind.Text), ($"{label} 期限・数値目標等", ColumnKind.Text)]);
        }
        var table = report.Table("重点目標一覧", columns.ToArray());

        var byDepartment = goals.GroupBy(g => g.Row.DepartmentId)
            .OrderBy(g => g.Key == departmentId ? departmentName : g.OrderByDescending(x => x.Row.FiscalYear).First().Row.DepartmentName,
                StringComparer.Ordinal);
        foreach (var ofDepartment in byDepartment)
        {
            var name = ofDepartment.Key == departmentId ? departmentName
                : ofDepartment.OrderByDescending(g => g.Row.FiscalYear).First().Row.DepartmentName;
            foreach (var position in ofDepartment.Select(g => g.Row.Position).Distinct().Order())
            {
                var ofYear =
                    years.Select(y => ofDepartment.FirstOrDefault(g => g.Row.FiscalYear == y && g.Row.Position == position)).ToList();
                var lines = Math.Max(1, ofYear.Max(g => g?.Items.Count ?? 0));
                for (var line = 0; line < lines; line++)
                {
                    var cells = new List<Cell> { Text(name), Integer(position) };
                    foreach (var goal in ofYear)
                    {
                        var item = goal is not null && line < goal.Items.Count ? goal.Items[line] : null;
                        cells.AddRange([Text(goal?.Row.Title ?? ""), Text(item is null ? "" : item.Number + item.Text),
                            Text(item?.Achievement ?? ""), Text(item?.Target ?? "")]);
                    }
                    table.Rows.Add(Row(cells.ToArray()));
                }
            }
        }
        return report.Build();
    }
}
