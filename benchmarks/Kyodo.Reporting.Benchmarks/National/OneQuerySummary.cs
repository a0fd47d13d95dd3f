using Npgsql;

namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>
/// The baseline of the single-city summary: its aggregate (items, items by stage, cost by source,
/// indicator grades per department) written as one SQL statement, as a DBA would, and run with
/// Npgsql on the same database: what PostgreSQL alone needs for those figures.
/// </summary>
public static class OneQuerySummary
{
    private const string Sql = """
        WITH p AS (SELECT plan_id FROM plans WHERE municipality_code = @m AND NOT deleted AND start_fiscal_year <= @to AND end_fiscal_year >= @from),
        i AS (SELECT i.item_id, i.lead_department_id FROM items i JOIN p USING (plan_id) WHERE i.municipality_code = @m AND NOT i.deleted)
        SELECT 'items', i.lead_department_id::text, NULL, count(*), 0, 0, 0, 0 FROM i GROUP BY 2
        UNION ALL
        SELECT 'lines', l.department_id::text, NULL, sum(l.cost_yen), sum(l.national_prefectural_yen), sum(l.local_bond_yen), sum(l.other_yen), sum(l.general_revenue_yen)
        FROM i JOIN budget_lines l ON l.municipality_code = @m AND l.item_id = i.item_id
        WHERE NOT l.deleted AND l.fiscal_year BETWEEN @from AND @to GROUP BY 2
        UNION ALL
        SELECT 'stage', i.lead_department_id::text, s.stage, count(DISTINCT i.item_id), 0, 0, 0, 0
        FROM i JOIN item_schedule_cells c ON c.municipality_code = @m AND c.item_id = i.item_id CROSS JOIN LATERAL unnest(c.stages) AS s(stage)
        WHERE c.fiscal_year BETWEEN @from AND @to GROUP BY 2, 3
        UNION ALL
        SELECT 'grades', lead, NULL, count(*) FILTER (WHERE ratio >= 1.0), count(*) FILTER (WHERE ratio < 1.0 AND ratio >= 0.8), count(*) FILTER (WHERE ratio < 0.8),
               count(*) FILTER (WHERE ratio IS NULL), 0
        FROM (SELECT i.lead_department_id::text AS lead,
                     CASE WHEN v.direction = 'LowerIsBetter' THEN v.target / nullif(v.actual, 0) ELSE v.actual / nullif(v.target, 0) END AS ratio
              FROM i JOIN indicator_values v ON v.municipality_code = @m AND v.item_id = i.item_id
              WHERE v.target IS NOT NULL AND v.fiscal_year BETWEEN @from AND @to) graded GROUP BY lead
        """;

    public static async Task<int> RunAsync(NpgsqlDataSource source, string municipality, int from, int to)
    {
        await using var command = source.CreateCommand(Sql);
        command.Parameters.AddWithValue("m", NpgsqlTypes.NpgsqlDbType.Varchar, municipality);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync()) rows++;
        return rows;
    }
}
