using Kyodo.Reporting.V1;

namespace Kyodo.Web.Presentation;

/// <summary>
/// Sums the department summary's rows into one roll-up. Each item counts for its lead department
/// only, and each line for its own, so the rows add up without counting anything twice.
/// </summary>
public static class DepartmentSummaryTotals
{
    public static NodeRollup? Of(Report summary)
    {
        var table = summary.Tables.FirstOrDefault();
        if (table is null) return null;
        long Sum(string column)
        {
            var index = table.IndexOf(column);
            return table.Rows.Sum(r => r.CellAt(index) is { ValueCase: Cell.ValueOneofCase.Integer } c ? c.Integer : 0);
        }
        return new NodeRollup((int)Sum("事業数"), Sum("事業費"),
            new AchievementCounts((int)Sum("指標:達成"), (int)Sum("指標:順調"), (int)Sum("指標:遅れ"), (int)Sum("指標:実績なし")));
    }
}
