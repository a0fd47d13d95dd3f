using System.Data;
using Npgsql;

namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>
/// The baseline of the single-city summary: the same aggregate as the service's department
/// summary, written as one SQL statement as a DBA would and run with Npgsql on the same
/// database: every figure of its rows (items, items by stage, cost by source, 人工, money held,
/// applications and awards, indicator grades, pending and overdue actuals, the newest time of
/// the rows used) per department with the department's name, and the stage vocabulary (every
/// stage word the city's live items use in any year) that decides its columns. It runs as the
/// service runs its statements: in a repeatable-read transaction, with nested loops, sorts and
/// JIT off for the statement (ReportSql.AggregateRangesAsync), so the ratio measures what the
/// service adds to PostgreSQL's own work, not two different plans.
/// </summary>
public static class OneQuerySummary
{
    private const string Sql = """
        WITH p AS MATERIALIZED (
            SELECT plan_id, as_of FROM plans
            WHERE municipality_code = @m AND NOT deleted AND start_fiscal_year <= @to AND end_fiscal_year >= @from
        ),
        i AS MATERIALIZED (
            SELECT i.item_id, i.plan_id, i.lead_department_id AS dept, GREATEST(i.as_of, p.as_of) AS as_of
            FROM items i JOIN p USING (plan_id) WHERE i.municipality_code = @m AND NOT i.deleted
        ),
        a AS MATERIALIZED (
            SELECT a.status, a.awarded_yen, a.settled_yen, GREATEST(a.as_of, sp.as_of) AS as_of, link.budget_line_id
            FROM subsidy_applications a
            LEFT JOIN subsidy_programs sp ON sp.municipality_code = @m AND sp.program_id = a.program_id AND NOT sp.deleted
            LEFT JOIN program_budget_lines link ON sp.program_id IS NOT NULL AND link.municipality_code = @m
                 AND link.program_id = a.program_id AND link.fiscal_year = a.fiscal_year
            WHERE a.municipality_code = @m AND NOT a.deleted AND a.fiscal_year BETWEEN @from AND @to
        ),
        l AS (
            SELECT l.department_id AS dept, sum(l.cost_yen) AS cost, sum(l.national_prefectural_yen) AS np, sum(l.local_bond_yen) AS bond,
                   sum(l.other_yen) AS other, sum(l.general_revenue_yen) AS general, sum(r.reserved) AS reserved, sum(r.committed) AS
                       committed,
                   sum(x.n) AS applications, sum(x.awards) AS awards, sum(x.awarded) AS awarded, sum(x.settled) AS settled,
                   max(GREATEST(l.as_of, i.as_of, r.as_of, x.as_of)) AS as_of
            FROM budget_lines l
            JOIN i USING (item_id)
            LEFT JOIN (SELECT budget_line_id, sum(amount_yen) FILTER (WHERE state = 'Reserved') AS reserved,
                              sum(committed_yen) FILTER (WHERE state = 'Committed') AS committed, max(as_of) AS as_of
                       FROM reservations WHERE municipality_code = @m AND NOT deleted GROUP BY budget_line_id) r USING (budget_line_id)
            LEFT JOIN (SELECT budget_line_id, count(*) AS n, count(*) FILTER (WHERE status IN ('Awarded', 'Reported', 'Settled')) AS awards,
                              sum(awarded_yen) FILTER (WHERE status IN ('Awarded', 'Reported', 'Settled')) AS awarded,
                              sum(settled_yen) FILTER (WHERE status IN ('Awarded', 'Reported', 'Settled')) AS settled, max(as_of) AS as_of
                       FROM a WHERE budget_line_id IS NOT NULL GROUP BY budget_line_id) x USING (budget_line_id)
            WHERE l.municipality_code = @m AND NOT l.deleted AND l.fiscal_year BETWEEN @from AND @to
            GROUP BY l.department_id
        ),
        counted AS (SELECT dept, count(*) AS n, max(as_of) AS as_of FROM i GROUP BY dept),
        stages AS (
            SELECT dept, jsonb_object_agg(stage, n) AS by_stage FROM (
                SELECT dept, stage, count(*) AS n FROM (
                    SELECT DISTINCT i.dept, i.item_id, unnest(c.stages) AS stage
                    FROM item_schedule_cells c JOIN i USING (item_id)
                    WHERE c.municipality_code = @m AND c.fiscal_year BETWEEN @from AND @to) s
                GROUP BY dept, stage) d
            GROUP BY dept
        ),
        grades AS (
            SELECT i.dept,
                   count(*) FILTER (WHERE ratio >= @achieved) AS achieved, count(*) FILTER (WHERE ratio < @achieved AND ratio >= @on_track)
                       AS on_track,
                   count(*) FILTER (WHERE ratio < @on_track) AS behind, count(*) FILTER (WHERE v.actual IS NULL) AS no_data,
                   count(*) FILTER (WHERE v.actual IS NULL AND d.due_date < @today) AS overdue
            FROM indicator_values v
            JOIN i USING (item_id)
            LEFT JOIN reporting_deadlines d ON d.municipality_code = @m AND d.plan_id = i.plan_id AND d.fiscal_year = v.fiscal_year
            CROSS JOIN LATERAL (SELECT CASE WHEN v.actual IS NULL THEN NULL
                                            WHEN v.direction = 'LowerIsBetter' THEN CASE WHEN v.actual = 0 THEN 'Infinity' ELSE v.target /
                                                v.actual END
                                            ELSE CASE WHEN v.target = 0 THEN 'Infinity' ELSE v.actual / v.target END END::numeric AS ratio)
                                                graded
            WHERE v.municipality_code = @m AND v.target IS NOT NULL AND v.fiscal_year BETWEEN @from AND @to
            GROUP BY i.dept
        ),
        pending AS (
            SELECT i.dept, count(*) AS n FROM actual_entries e JOIN i USING (item_id)
            JOIN indicators x ON x.municipality_code = @m AND x.indicator_id = e.indicator_id AND x.item_id = e.item_id
            WHERE e.municipality_code = @m AND e.status <> 'Approved' AND e.fiscal_year BETWEEN @from AND @to
            GROUP BY i.dept
        ),
        staff AS (
            SELECT i.dept, sum(st.person_years) AS person_years, sum(round(st.person_years * u.yen_per_person_year)) AS yen
            FROM staff_times st JOIN i USING (item_id)
            LEFT JOIN staff_unit_costs u ON u.municipality_code = @m AND u.fiscal_year = st.fiscal_year
            WHERE st.municipality_code = @m AND st.fiscal_year BETWEEN @from AND @to
            GROUP BY i.dept
        ),
        unlinked AS (
            SELECT NULL::uuid AS dept, count(*) AS n, count(*) FILTER (WHERE status IN ('Awarded', 'Reported', 'Settled')) AS awards FROM a
                WHERE budget_line_id IS NULL
        ),
        depts AS (SELECT dept FROM counted UNION SELECT dept FROM l UNION SELECT dept FROM unlinked WHERE n > 0)
        SELECT coalesce(dn.name, '（部署未設定）'), counted.n, stages.by_stage, l.cost, l.np, l.bond, l.other, l.general, staff.person_years,
            staff.yen,
               l.reserved, l.committed, coalesce(l.applications, 0) + coalesce(u.n, 0), coalesce(l.awards, 0) + coalesce(u.awards, 0),
                   l.awarded, l.settled,
               grades.achieved, grades.on_track, grades.behind, grades.no_data, grades.overdue, pending.n, GREATEST(counted.as_of, l.as_of)
        FROM depts
        LEFT JOIN counted USING (dept) LEFT JOIN stages USING (dept) LEFT JOIN l USING (dept) LEFT JOIN grades USING (dept)
        LEFT JOIN pending USING (dept) LEFT JOIN staff USING (dept) LEFT JOIN unlinked u ON u.dept IS NOT DISTINCT FROM depts.dept
        LEFT JOIN departments dn ON dn.municipality_code = @m AND dn.department_id = depts.dept AND NOT dn.deleted
        UNION ALL
        SELECT '(stages)', NULL, jsonb_agg(DISTINCT stage), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM (SELECT DISTINCT unnest(c.stages) AS stage FROM item_schedule_cells c
              JOIN items it ON it.municipality_code = @m AND it.item_id = c.item_id AND NOT it.deleted
              JOIN plans pl ON pl.municipality_code = @m AND pl.plan_id = it.plan_id AND NOT pl.deleted
              WHERE c.municipality_code = @m) vocabulary
        """;

    public static async Task<int> RunAsync(NpgsqlDataSource source, string municipality, int from, int to)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        await using (var settings =
            new NpgsqlCommand("SET LOCAL enable_nestloop = off; SET LOCAL enable_sort = off; SET LOCAL jit = off", connection, transaction))
            await settings.ExecuteNonQueryAsync();
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.AddWithValue("m", NpgsqlTypes.NpgsqlDbType.Varchar, municipality);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("achieved", 1.0m);
        command.Parameters.AddWithValue("on_track", 0.8m);
        command.Parameters.AddWithValue("today", DateOnly.FromDateTime(DateTime.UtcNow));
        var rows = 0;
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) rows++;
        await transaction.CommitAsync();
        return rows;
    }
}
