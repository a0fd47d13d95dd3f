using Kyodo.Contracts.Plan;
using Kyodo.Printing;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.V1;
using Microsoft.EntityFrameworkCore;
using static Kyodo.Reporting.Reports.Cells;
using static Kyodo.Reporting.Reports.ReportSql;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// Report 8, the evaluation summary of one fiscal year (see GetEvaluationSummary): 部署別, each
/// department's item evaluations; 施策・政策別, each node's own evaluation and the item evaluations
/// placed at it or under it. Counted in SQL by (row, dimension, word); the columns are the
/// municipality's words (<see cref="EvaluationWords"/>).
/// </summary>
internal static class EvaluationSummary
{
    // Live evaluations of the year of live plans: an item's while the item lives, a node's while
    // the node lives (a deleted plan's items and nodes are tombstones too), each with the line of
    // nodes from its plan's root down to where it sits (the item's primary placement).
    private const string Scope = """
        WITH RECURSIVE scope_plans AS MATERIALIZED (
            SELECT p.municipality_code, p.plan_id, p.name, p.as_of FROM plans p
            WHERE p.municipality_code = @m AND NOT p.deleted AND (@plan IS NULL OR p.plan_id = @plan)
        ),
        tree AS (
            SELECT n.node_id, n.plan_id, ARRAY[n.node_id] AS line, ARRAY[n.position] AS ordering, n.level_name, n.code, n.title, n.as_of
            FROM plan_nodes n JOIN scope_plans p ON p.municipality_code = n.municipality_code AND p.plan_id = n.plan_id
            WHERE n.municipality_code = @m AND NOT n.deleted AND n.parent_id IS NULL
            UNION ALL
            SELECT c.node_id, c.plan_id, t.line || c.node_id, t.ordering || c.position, c.level_name, c.code, c.title, c.as_of
            FROM tree t JOIN plan_nodes c ON c.municipality_code = @m AND c.parent_id = t.node_id AND NOT c.deleted
            WHERE cardinality(t.line) < 32
        ),
        counted AS MATERIALIZED (
            SELECT e.*, coalesce(e.evaluator_department_id, i.lead_department_id) AS department_id, t.line, GREATEST(e.as_of, i.as_of,
                t.as_of) AS used_at
            FROM evaluations e
            JOIN scope_plans p ON p.municipality_code = e.municipality_code AND p.plan_id = e.plan_id
            LEFT JOIN items i ON i.municipality_code = e.municipality_code AND i.item_id = e.item_id AND NOT i.deleted
            LEFT JOIN tree t ON t.node_id = coalesce(i.primary_node_id, e.node_id)
            WHERE e.municipality_code = @m AND NOT e.deleted AND e.fiscal_year = @year AND (NOT @approved_only OR e.status = 'Approved')
              AND (i.item_id IS NOT NULL OR (e.item_id IS NULL AND t.node_id IS NOT NULL))
        ),
        facts AS (
            SELECT c.*, d.dimension, d.word FROM counted c
            CROSS JOIN LATERAL (VALUES ('status', c.status), ('direction', c.direction), ('necessity', c.necessity),
                ('effectiveness', c.effectiveness), ('efficiency', c.efficiency)) AS d(dimension, word)
        )
        """;

    private const string Counts = Scope + """
        SELECT 'department', department_id::text, dimension, word, count(*), max(used_at) FROM facts WHERE item_id IS NOT NULL GROUP BY 2,
            3, 4
        UNION ALL
        SELECT 'node', under.node_id::text, dimension, word, count(*), max(used_at)
        FROM facts CROSS JOIN LATERAL unnest(line) AS under(node_id) WHERE item_id IS NOT NULL GROUP BY 2, 3, 4
        UNION ALL
        SELECT 'own', node_id::text, dimension, word, count(*), max(used_at) FROM facts WHERE item_id IS NULL GROUP BY 2, 3, 4
        """;

    private const string Nodes = Scope + """
        SELECT p.name, t.node_id, t.level_name, t.code, t.title, t.as_of, p.as_of FROM tree t JOIN scope_plans p ON p.plan_id = t.plan_id
        ORDER BY p.name, p.plan_id, t.ordering
        """;

    public static async Task<Report> BuildAsync(ReportingDbContext db, string code, int year, Guid? planId, bool approvedOnly,
        CancellationToken ct)
    {
        var (plan, _, _) = await SummaryFilters.ResolveAsync(db, code, planId, null, null, ct);
        var report = new ReportBuilder(
            ReportTitle.With($"評価集計 {Japanese.FiscalYearLabel(year)}", ReportTitle.Plan(plan), approvedOnly ? "承認済のみ" : null), code);
        var settings = await db.EvaluationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.MunicipalityCode == code, ct);
        report.Includes(settings?.AsOf);

        Npgsql.NpgsqlParameter[] Parameters() =>
            [Text("m", code), Int("year", year), Id("plan", planId), Bool("approved_only", approvedOnly)];
        var counts = new List<EvaluationCount>();
        foreach (var (count, at) in await db.QueryAsync(Counts, row =>
                     (new EvaluationCount(row.GetString(0), row.NullableText(1) ?? "", row.GetString(2), row.GetString(3), row.Long(4)),
                         row.NullableTime(5)), ct, Parameters()))
        {
            counts.Add(count);
            report.Includes(at);
        }
        var words = EvaluationWords.Of(settings?.Directions ?? EvaluationVocabulary.DefaultDirections,
            settings?.RatingScale ?? EvaluationVocabulary.DefaultRatingScale, counts.Select(c => (c.Dimension, c.Word)));
        var byUnit = counts.ToLookup(c => (c.Part, c.Unit));

        var departmentIds =
            counts.Where(c => c.Part == "department" && c.Unit.Length > 0).Select(c => Guid.Parse(c.Unit)).Distinct().ToList();
        var names = await DepartmentNames.OfAsync(db, code, departmentIds, ct);
        foreach (var (_, at) in names.Values) report.Includes(at);
        var departments = report.Table("部署別", [("部署", ColumnKind.Text), .. words.Columns]);
        var departmentRows = counts.Where(c => c.Part == "department").Select(c => c.Unit).Distinct()
            .Select(unit => (Name: unit.Length > 0 && names.TryGetValue(Guid.Parse(unit), out var n) && n.Name is { } name ? name
                : "（部署未設定）", Unit: unit))
            .OrderBy(d => d.Name, StringComparer.Ordinal);
        foreach (var (name, unit) in departmentRows) departments.Rows.Add(Row([Text(name), .. words.Cells(byUnit[("department", unit)])]));
        departments.Rows.Add(Row([Text(SummaryTable.Total), .. words.Cells(counts.Where(c => c.Part == "department"))]));

        var nodes = report.Table("施策・政策別",
            [("計画", ColumnKind.Text), ("階層名", ColumnKind.Text), ("コード", ColumnKind.Text), ("名称", ColumnKind.Text),
             ("評価（方向性）", ColumnKind.Text), ("評価（状況）", ColumnKind.Text), .. words.Columns.Select(c => ($"事務事業 {c.Name}", c.Kind))]);
        foreach (var (planName, nodeId, level, nodeCode, title, nodeAt, planAt) in await db.QueryAsync(Nodes, row =>
                     (row.GetString(0), row.GetGuid(1).ToString(), row.GetString(2), row.GetString(3), row.GetString(4),
                         row.NullableTime(5), row.NullableTime(6)),
                     ct, Parameters()))
        {
            report.Includes(nodeAt);
            report.Includes(planAt);
            var own = byUnit[("own", nodeId)].ToList();
            string Own(string dimension) => own.FirstOrDefault(c => c.Dimension == dimension)?.Word ?? "";
            nodes.Rows.Add(Row([Text(planName), Text(level), Text(nodeCode), Text(title), Text(Own("direction")),
                Text(own.Count > 0 ? SheetWords.ReviewStatus(Own("status")) : ""), .. words.Cells(byUnit[("node", nodeId)])]));
        }
        return report.Build();
    }
}
