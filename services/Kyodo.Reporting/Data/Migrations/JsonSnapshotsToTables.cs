namespace Kyodo.Reporting.Data.Migrations;

/// <summary>
/// RelationalReadModels' data step: what the items', programs' and priority goals' JSON snapshots
/// held (camelCase, as the events serialised them), copied into the columns and tables that
/// replace them, as ReadModelWriter would write the same snapshot (entries numbered in their
/// order; a fiscal year given twice keeps the last).
/// </summary>
internal static class JsonSnapshotsToTables
{
    /// <summary>The elements of a JSON array, none when the value is missing or no array.</summary>
    private static string Elements(string json) => $"jsonb_array_elements(CASE WHEN jsonb_typeof({json}) = 'array' THEN {json} ELSE '[]'::jsonb END)";

    private static string Texts(string json) => $"ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof({json}) = 'array' THEN {json} ELSE '[]'::jsonb END))";

    public static readonly string[] Statements =
    [
        $"""
        UPDATE items SET
            novelty = coalesce(snapshot_json->>'novelty', ''),
            implementing_bodies = {Texts("snapshot_json->'implementingBodies'")},
            target_stakeholders = {Texts("snapshot_json->'targetStakeholders'")},
            target_other = coalesce(snapshot_json->>'targetOther', ''),
            purpose = coalesce(snapshot_json->>'purpose', ''),
            current_state = coalesce(snapshot_json->>'currentState', ''),
            content = coalesce(snapshot_json->>'content', ''),
            completion_criterion = coalesce(snapshot_json->>'completionCriterion', ''),
            expected_effects = coalesce(snapshot_json->>'expectedEffects', ''),
            rank = (snapshot_json->>'rank')::integer,
            rank_of = (snapshot_json->>'rankOf')::integer,
            mayoral_pledge = coalesce(snapshot_json->>'mayoralPledge', ''),
            linked_plans = {Texts("snapshot_json->'linkedPlans'")},
            special_notes = coalesce(snapshot_json->>'specialNotes', ''),
            primary_node_id = coalesce(
                (SELECT (p->>'nodeId')::uuid FROM {Elements("snapshot_json->'placements'")} AS p WHERE (p->>'primary')::boolean LIMIT 1),
                (SELECT (p->>'nodeId')::uuid FROM {Elements("snapshot_json->'placements'")} AS p LIMIT 1))
        WHERE jsonb_typeof(snapshot_json) = 'object'
        """,
        $"""
        INSERT INTO item_departments (municipality_code, item_id, position, department_id, name)
        SELECT i.municipality_code, i.item_id, d.n - 1, (d.value->>'departmentId')::uuid, coalesce(d.value->>'name', '')
        FROM items i CROSS JOIN LATERAL {Elements("i.snapshot_json->'departments'")} WITH ORDINALITY AS d(value, n)
        """,
        $"""
        INSERT INTO item_placements (municipality_code, item_id, position, node_id, code, is_primary, reference)
        SELECT i.municipality_code, i.item_id, p.n - 1, (p.value->>'nodeId')::uuid, coalesce(p.value->>'code', ''),
               coalesce((p.value->>'primary')::boolean, false), coalesce(p.value->>'reference', '')
        FROM items i CROSS JOIN LATERAL {Elements("i.snapshot_json->'placements'")} WITH ORDINALITY AS p(value, n)
        """,
        $"""
        INSERT INTO item_schedule_cells (municipality_code, item_id, fiscal_year, "row", row_label, stages)
        SELECT DISTINCT ON (i.item_id, (c.value->>'fiscalYear')::integer, (c.value->>'row')::integer)
               i.municipality_code, i.item_id, (c.value->>'fiscalYear')::integer, (c.value->>'row')::integer, coalesce(c.value->>'rowLabel', ''),
               {Texts("c.value->'stages'")}
        FROM items i CROSS JOIN LATERAL {Elements("i.snapshot_json->'schedule'")} WITH ORDINALITY AS c(value, n)
        ORDER BY i.item_id, (c.value->>'fiscalYear')::integer, (c.value->>'row')::integer, c.n DESC
        """,
        $"""
        INSERT INTO item_yearly_goals (municipality_code, item_id, fiscal_year, text)
        SELECT DISTINCT ON (i.item_id, (g.value->>'fiscalYear')::integer)
               i.municipality_code, i.item_id, (g.value->>'fiscalYear')::integer, coalesce(g.value->>'text', '')
        FROM items i CROSS JOIN LATERAL {Elements("i.snapshot_json->'yearlyGoals'")} WITH ORDINALITY AS g(value, n)
        ORDER BY i.item_id, (g.value->>'fiscalYear')::integer, g.n DESC
        """,
        $"""
        INSERT INTO indicators (municipality_code, indicator_id, item_id, position, kind, name, unit, direction, baseline_value, baseline_fiscal_year)
        SELECT DISTINCT ON (i.municipality_code, (x.value->>'indicatorId')::uuid)
               i.municipality_code, (x.value->>'indicatorId')::uuid, i.item_id, x.n - 1, coalesce(x.value->>'kind', ''), coalesce(x.value->>'name', ''),
               coalesce(x.value->>'unit', ''), coalesce(x.value->>'direction', ''), (x.value->>'baselineValue')::numeric, (x.value->>'baselineFiscalYear')::integer
        FROM items i CROSS JOIN LATERAL {Elements("i.snapshot_json->'indicators'")} WITH ORDINALITY AS x(value, n)
        ORDER BY i.municipality_code, (x.value->>'indicatorId')::uuid, x.n
        """,
        $"""
        INSERT INTO indicator_values (municipality_code, item_id, indicator_id, fiscal_year, direction, target, actual)
        SELECT municipality_code, item_id, indicator_id, fiscal_year, max(direction), (array_agg(target ORDER BY n DESC) FILTER (WHERE target IS NOT NULL))[1],
               (array_agg(actual ORDER BY n DESC) FILTER (WHERE actual IS NOT NULL))[1]
        FROM (
            SELECT i.municipality_code, i.item_id, (x.value->>'indicatorId')::uuid AS indicator_id, (t.value->>'fiscalYear')::integer AS fiscal_year,
                   coalesce(x.value->>'direction', '') AS direction, (t.value->>'value')::numeric AS target, NULL::numeric AS actual, t.n
            FROM items i CROSS JOIN LATERAL {Elements("i.snapshot_json->'indicators'")} AS x(value)
            CROSS JOIN LATERAL {Elements("x.value->'targets'")} WITH ORDINALITY AS t(value, n)
            UNION ALL
            SELECT i.municipality_code, i.item_id, (x.value->>'indicatorId')::uuid, (a.value->>'fiscalYear')::integer, coalesce(x.value->>'direction', ''),
                   NULL, (a.value->>'value')::numeric, a.n
            FROM items i CROSS JOIN LATERAL {Elements("i.snapshot_json->'indicators'")} AS x(value)
            CROSS JOIN LATERAL {Elements("x.value->'actuals'")} WITH ORDINALITY AS a(value, n)
        ) v
        GROUP BY municipality_code, item_id, indicator_id, fiscal_year
        """,
        "UPDATE subsidy_programs SET description = coalesce(snapshot_json->>'description', '') WHERE jsonb_typeof(snapshot_json) = 'object'",
        $"""
        INSERT INTO subsidy_courses (municipality_code, course_id, program_id, position, name, cap_yen, once_per_applicant, rounds_per_year)
        SELECT DISTINCT ON (p.municipality_code, (c.value->>'courseId')::uuid)
               p.municipality_code, (c.value->>'courseId')::uuid, p.program_id, c.n - 1, coalesce(c.value->>'name', ''),
               coalesce((c.value->>'capYen')::bigint, 0), coalesce((c.value->>'oncePerApplicant')::boolean, false), coalesce((c.value->>'roundsPerYear')::integer, 0)
        FROM subsidy_programs p CROSS JOIN LATERAL {Elements("p.snapshot_json->'courses'")} WITH ORDINALITY AS c(value, n)
        ORDER BY p.municipality_code, (c.value->>'courseId')::uuid, c.n
        """,
        $"""
        INSERT INTO program_budget_lines (municipality_code, program_id, fiscal_year, budget_line_id)
        SELECT DISTINCT ON (p.program_id, (l.value->>'fiscalYear')::integer)
               p.municipality_code, p.program_id, (l.value->>'fiscalYear')::integer, (l.value->>'budgetLineId')::uuid
        FROM subsidy_programs p CROSS JOIN LATERAL {Elements("p.snapshot_json->'budgetLines'")} WITH ORDINALITY AS l(value, n)
        ORDER BY p.program_id, (l.value->>'fiscalYear')::integer, l.n DESC
        """,
        $"""
        INSERT INTO priority_goal_items (municipality_code, goal_id, position, number, text, target, achievement)
        SELECT g.municipality_code, g.goal_id, x.n - 1, coalesce(x.value->>'number', ''), coalesce(x.value->>'text', ''),
               coalesce(x.value->>'target', ''), coalesce(x.value->>'achievement', '')
        FROM priority_goals g CROSS JOIN LATERAL {Elements("g.items_json")} WITH ORDINALITY AS x(value, n)
        """,
    ];
}
