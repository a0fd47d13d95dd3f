using System.Globalization;
using Kyodo.Printing;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.V1;
using static Kyodo.Reporting.Reports.Cells;
using static Kyodo.Reporting.Reports.ReportSql;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// Report 9, 報告期限超過: across the municipality's plans, what a passed reporting deadline still
/// lacks, per department: every indicator of a live item of a live plan with a target in a fiscal
/// year whose deadline passed before the day asked for, and no approved actual of it (plan's rule,
/// ListOverdueActuals and the ActualsOverdue event, read from the read models), for the item's
/// lead department, with what was entered meanwhile (未入力, or a draft, submitted or returned value).
/// </summary>
internal static class OverdueActuals
{
    /// <summary>The statuses an overdue actual can have, in the order a department works through them.</summary>
    private static readonly string[] Statuses = ["", "Draft", "Returned", "Submitted"];

    private const string Sql = """
        SELECT i.lead_department_id, p.name, d.fiscal_year, d.due_date, i.title, x.name, x.unit, v.target,
               e.status, e.value, e.by, e.comment,
               GREATEST(d.as_of, p.as_of, i.as_of, e.as_of)
        FROM reporting_deadlines d
        JOIN plans p ON p.municipality_code = d.municipality_code AND p.plan_id = d.plan_id AND NOT p.deleted
        JOIN items i ON i.municipality_code = d.municipality_code AND i.plan_id = d.plan_id AND NOT i.deleted
        JOIN indicators x ON x.municipality_code = i.municipality_code AND x.item_id = i.item_id
        JOIN indicator_values v ON v.municipality_code = x.municipality_code AND v.indicator_id = x.indicator_id AND v.fiscal_year =
            d.fiscal_year
        LEFT JOIN actual_entries e ON e.municipality_code = x.municipality_code AND e.indicator_id = x.indicator_id AND e.fiscal_year =
            d.fiscal_year
                                  AND e.status <> 'Approved'
        WHERE d.municipality_code = @municipality AND d.due_date < @as_of_date AND v.target IS NOT NULL AND v.actual IS NULL
          AND (@plan IS NULL OR d.plan_id = @plan) AND (@department IS NULL OR i.lead_department_id = @department)
        ORDER BY d.due_date, p.name, d.fiscal_year, i.title, x.position
        """;

    private sealed record Line(Guid? Department, string Plan, int FiscalYear, DateOnly DueDate, string Item, string Indicator, string Unit,
        decimal Target, string Status, decimal? Value, string By, string Comment, DateTimeOffset? AsOf);

    public static async Task<Report> BuildAsync(ReportingDbContext db, string code, DateOnly asOfDate, Guid? planId, Guid? departmentId,
        CancellationToken ct)
    {
        var (plan, department, _) = await SummaryFilters.ResolveAsync(db, code, planId, departmentId, null, ct);
        var report = new ReportBuilder(
            ReportTitle.With($"報告期限超過 {IsoDate(asOfDate)}時点", ReportTitle.Plan(plan), ReportTitle.Department(department)), code);
        var lines = await db.QueryAsync(Sql, row => new Line(row.NullableId(0), row.GetString(1), row.GetInt32(2),
            row.GetFieldValue<DateOnly>(3),
                row.GetString(4), row.GetString(5), row.GetString(6), row.GetDecimal(7), row.NullableText(8) ?? "",
                row.IsDBNull(9) ? null : row.GetDecimal(9),
                row.NullableText(10) ?? "", row.NullableText(11) ?? "", row.NullableTime(12)), ct,
            Text("municipality", code), Date("as_of_date", asOfDate), Id("plan", planId), Id("department", departmentId));
        foreach (var line in lines) report.Includes(line.AsOf);

        var names = await DepartmentNames.OfAsync(db, code, lines.Select(l => l.Department).OfType<Guid>().Distinct().ToList(), ct);
        foreach (var (_, at) in names.Values) report.Includes(at);
        string NameOf(Guid? id) => id is { } d && names.TryGetValue(d, out var named) && named.Name is { } name ? name : "（部署未設定）";
        var byDepartment =
            lines.GroupBy(l => NameOf(l.Department)).OrderBy(g => g.Key == "（部署未設定）").ThenBy(g => g.Key, StringComparer.Ordinal).ToList();

        var counts = report.Table("部署別",
            [("部署", ColumnKind.Text), ("期限超過", ColumnKind.Count), .. Statuses.Select(s => (StatusLabel(s), ColumnKind.Count))]);
        void Count(string label, IReadOnlyCollection<Line> of) =>
            counts.Rows.Add(Row([Text(label), Integer(of.Count), .. Statuses.Select(s => Integer(of.Count(l => l.Status == s)))]));
        foreach (var group in byDepartment) Count(group.Key, group.ToList());
        Count(SummaryTable.Total, lines);

        var details = report.Table("期限超過の実績", ("部署", ColumnKind.Text), ("計画", ColumnKind.Text), ("年度", ColumnKind.Text),
            ("報告期限", ColumnKind.Text),
            ("事業", ColumnKind.Text), ("指標名", ColumnKind.Text), ("単位", ColumnKind.Text), ("目標", ColumnKind.Number), ("状況", ColumnKind.Text),
            ("未承認の値", ColumnKind.Number), ("最終操作者", ColumnKind.Text), ("コメント", ColumnKind.Text));
        foreach (var group in byDepartment)
            foreach (var l in group)
                details.Rows.Add(Row(Text(group.Key), Text(l.Plan), Text(Japanese.FiscalYearLabel(l.FiscalYear)), Text(IsoDate(l.DueDate)),
                    Text(l.Item), Text(l.Indicator), Text(l.Unit), Value(l.Target), Text(StatusLabel(l.Status)),
                    l.Value is { } v ? Value(v) : Blank(), Text(l.By), Text(l.Comment)));
        return report.Build();
    }

    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>未入力 when nothing was entered, else the review's word (作成中, 差戻し, 承認待ち).</summary>
    private static string StatusLabel(string status) => status.Length == 0 ? "未入力" : SheetWords.ReviewStatus(status);
}
