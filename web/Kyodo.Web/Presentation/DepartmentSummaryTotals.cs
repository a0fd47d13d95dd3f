using Kyodo.Reporting.V1;

namespace Kyodo.Web.Presentation;

/// <summary>
/// The department summary's total row (合計, last, which the reporting service adds up in SQL) as
/// a roll-up, and its department rows without it, for charts that compare departments.
/// </summary>
public static class DepartmentSummaryTotals
{
    /// <summary>What the reporting service names its total rows.</summary>
    public const string TotalLabel = "合計";

    public static NodeRollup? Of(Report summary) =>
        summary.Tables.FirstOrDefault() is { } table && table.Rows.LastOrDefault(r => r.TextAt(0) == TotalLabel) is { } total
            ? RollupOf(table, total)
            : null;

    public static IReadOnlyList<Row> DepartmentRows(Table table) => table.Rows.Where(r => r.TextAt(0) != TotalLabel).ToList();

    /// <summary>事業数, 事業費 and the achievement counts of one row of a table with those columns (the summary's, the plan
    /// structure's).</summary>
    public static NodeRollup RollupOf(Table table, Row row)
    {
        long Value(string column) => row.CellAt(table.IndexOf(column)) is { ValueCase: Cell.ValueOneofCase.Integer } c ? c.Integer : 0;
        return new NodeRollup((int)Value("事業数"), Value("事業費"),
            new AchievementCounts((int)Value("指標:達成"), (int)Value("指標:順調"), (int)Value("指標:遅れ"), (int)Value("指標:実績なし")));
    }
}
