using System.Globalization;
using System.Text.Json.Serialization;
using Kyodo.Contracts.Budget;
using Kyodo.Reporting.Data;
using static Kyodo.Reporting.Reports.ReportSql;

namespace Kyodo.Reporting.Reports;

/// <summary>What a row of a summary stands for.</summary>
internal enum SummaryUnit
{
    /// <summary>A department: an item counts for its lead, a line (and what hangs off it) for the line's department.</summary>
    Department,
    /// <summary>A municipality (the area reports).</summary>
    Municipality,
    /// <summary>The node of an item's primary placement, its lines with it (the plan-structure report, rolled up the tree after).</summary>
    Node,
}

/// <summary>What the department summary counts, and for which municipalities, years and filters (see DepartmentSummaryRequest).</summary>
/// <param name="Nodes">The nodes whose items count (a node and everything under it), null for every item.</param>
internal sealed record SummaryScope(IReadOnlyCollection<string> Municipalities, int From, int To, Guid? PlanId = null,
    Guid? DepartmentId = null, IReadOnlyCollection<Guid>? Nodes = null, SummaryUnit Unit = SummaryUnit.Department)
{
    /// <summary>Applications of programs that name no line for their year belong to no plan, department or node: they count only without
    /// those filters.</summary>
    public bool Unfiltered => PlanId is null && DepartmentId is null && Nodes is null;
}

/// <summary>One row of the summary: a department's (or a municipality's) figures.</summary>
internal sealed class UnitFigures
{
    public long Items;
    public Dictionary<string, long> Stages { get; init; } = new(StringComparer.Ordinal); // settable once, for KeptFigures' JSON
    public long Cost, NationalPrefectural, LocalBond, Other, GeneralRevenue;
    /// <summary>人工 of the counted items' years, and their 人件費 (StaffCost.Yen per item and year, where the year has a unit cost).</summary>
    public decimal PersonYears;
    public long StaffCost;
    /// <summary>フルコスト = 事業費 + 人件費.</summary>
    [JsonIgnore]
    public long FullCost => Cost + StaffCost;
    public long Reserved, Committed;
    public long Applications, Awards, AwardedYen, SettledYen;
    public long Achieved, OnTrack, Behind, NoData;
    /// <summary>Indicator-years with an actual entered and not yet approved (never graded above).</summary>
    public long Pending;
    /// <summary>Targets with no approved actual whose plan's reporting deadline for the year has passed.</summary>
    public long Overdue;
    /// <summary>The newest event among the unit's rows (the figures of a municipality kept apart carry their own; sums ignore
    /// it).</summary>
    public DateTimeOffset? AsOf;
}

/// <summary>
/// The department summary's figures, aggregated in one query: per unit (the department an item,
/// a line or an application counts for; or the municipality) the items and their stages, the
/// lines' cost by source, 人工 and 人件費 of the items' years, the money reserved and committed against them, the applications and
/// awards of the programs spending from them, indicator achievement by approved actuals, the
/// actuals still pending (<see cref="PendingActuals"/>) and the targets past their reporting
/// deadline; and the newest event among the rows used (those counted, and the plans, items and
/// programs that admitted them).
/// </summary>
internal static class SummaryFigures
{
    // Each part yields (part, unit, stage, a..e, as_of); the C# below reads a..e by part. Every
    // table is read as the municipalities' ranges of its municipality-first index and joined in
    // memory (ReportSql.AggregateRangesAsync); each is read once. The rows that admit others (a
    // plan its items, an item its lines, a program its applications) lend their time to the
    // rows they admit, as the report is as fresh as the newest of all of them.
    private const string Sql = """
        WITH scope_plans AS MATERIALIZED (
            SELECT p.municipality_code, p.plan_id, p.as_of
            FROM plans p
            WHERE p.municipality_code = ANY(@municipalities) AND NOT p.deleted
              AND p.start_fiscal_year <= @to AND p.end_fiscal_year >= @from AND (@plan IS NULL OR p.plan_id = @plan)
        ),
        scope_items AS MATERIALIZED (
            SELECT i.municipality_code, i.item_id, i.plan_id, i.lead_department_id, i.primary_node_id, GREATEST(i.as_of, p.as_of) AS as_of
            FROM items i
            JOIN scope_plans p ON p.municipality_code = i.municipality_code AND p.plan_id = i.plan_id
            WHERE i.municipality_code = ANY(@municipalities) AND NOT i.deleted AND (@nodes IS NULL OR i.primary_node_id = ANY(@nodes))
        ),
        counted_items AS MATERIALIZED (
            SELECT i.*, CASE @unit WHEN 1 THEN i.municipality_code WHEN 2 THEN i.primary_node_id::text ELSE i.lead_department_id::text END
                AS unit
            FROM scope_items i
            WHERE @department IS NULL OR i.lead_department_id = @department
        ),
        -- per line: what its reservations hold, and the applications of the (live) program spending from it that year
        held AS (
            SELECT r.municipality_code, r.budget_line_id, sum(r.amount_yen) FILTER (WHERE r.state = 'Reserved') AS reserved,
                   sum(r.committed_yen) FILTER (WHERE r.state = 'Committed') AS committed, max(r.as_of) AS as_of
            FROM reservations r
            WHERE r.municipality_code = ANY(@municipalities) AND NOT r.deleted
            GROUP BY r.municipality_code, r.budget_line_id
        ),
        applications AS MATERIALIZED (
            SELECT a.municipality_code, a.status, a.awarded_yen, a.settled_yen, GREATEST(a.as_of, sp.as_of) AS as_of, link.budget_line_id
            FROM subsidy_applications a
            LEFT JOIN subsidy_programs sp ON sp.municipality_code = a.municipality_code AND sp.program_id = a.program_id AND NOT sp.deleted
                 AND sp.municipality_code = ANY(@municipalities)
            LEFT JOIN program_budget_lines link ON sp.program_id IS NOT NULL
                 AND link.municipality_code = a.municipality_code AND link.program_id = a.program_id AND link.fiscal_year = a.fiscal_year
                 AND link.municipality_code = ANY(@municipalities)
            WHERE a.municipality_code = ANY(@municipalities) AND NOT a.deleted AND a.fiscal_year BETWEEN @from AND @to
        ),
        line_applications AS (
            SELECT municipality_code, budget_line_id, count(*) AS n, count(*) FILTER (WHERE status IN ('Awarded', 'Reported', 'Settled')) AS
                awards,
                   sum(awarded_yen) FILTER (WHERE status IN ('Awarded', 'Reported', 'Settled')) AS awarded,
                   sum(settled_yen) FILTER (WHERE status IN ('Awarded', 'Reported', 'Settled')) AS settled, max(as_of) AS as_of
            FROM applications WHERE budget_line_id IS NOT NULL
            GROUP BY municipality_code, budget_line_id
        ),
        line_units AS MATERIALIZED (
            SELECT CASE @unit WHEN 1 THEN l.municipality_code WHEN 2 THEN i.primary_node_id::text ELSE l.department_id::text END AS unit,
                   sum(l.cost_yen) AS cost, sum(l.national_prefectural_yen) AS national_prefectural, sum(l.local_bond_yen) AS local_bond,
                   sum(l.other_yen) AS other, sum(l.general_revenue_yen) AS general_revenue,
                   coalesce(sum(h.reserved), 0) AS reserved, coalesce(sum(h.committed), 0) AS committed,
                   coalesce(sum(la.n), 0) AS applications, coalesce(sum(la.awards), 0) AS awards, coalesce(sum(la.awarded), 0) AS awarded,
                   coalesce(sum(la.settled), 0) AS settled,
                   max(GREATEST(l.as_of, i.as_of)) AS lines_as_of, max(h.as_of) AS held_as_of, max(la.as_of) AS applications_as_of
            FROM scope_items i
            JOIN budget_lines l ON l.municipality_code = i.municipality_code AND l.item_id = i.item_id
            LEFT JOIN held h ON h.municipality_code = l.municipality_code AND h.budget_line_id = l.budget_line_id
            LEFT JOIN line_applications la ON la.municipality_code = l.municipality_code AND la.budget_line_id = l.budget_line_id
            WHERE l.municipality_code = ANY(@municipalities) AND NOT l.deleted AND l.fiscal_year BETWEEN @from AND @to
              AND (@department IS NULL OR l.department_id = @department)
            GROUP BY 1
        ),
        grades AS (
            SELECT i.unit,
                   CASE WHEN v.actual IS NULL THEN 3
                        WHEN v.direction = 'LowerIsBetter' THEN
                            CASE WHEN v.actual = 0 OR v.target / v.actual >= @achieved_at THEN 0 WHEN v.target / v.actual >= @on_track_at
                                THEN 1 ELSE 2 END
                        ELSE CASE WHEN v.target = 0 OR v.actual / v.target >= @achieved_at THEN 0 WHEN v.actual / v.target >= @on_track_at
                            THEN 1 ELSE 2 END
                   END AS grade,
                   -- past its plan's reporting deadline for the year (due before today, Japan time) with no approved actual
                   CASE WHEN v.actual IS NULL AND d.due_date < @today THEN d.as_of END AS overdue_at
            FROM counted_items i
            JOIN indicator_values v ON v.municipality_code = i.municipality_code AND v.item_id = i.item_id
            LEFT JOIN reporting_deadlines d ON d.municipality_code = i.municipality_code AND d.plan_id = i.plan_id AND d.fiscal_year =
                v.fiscal_year
                AND d.municipality_code = ANY(@municipalities)
            WHERE v.municipality_code = ANY(@municipalities) AND v.target IS NOT NULL AND v.fiscal_year BETWEEN @from AND @to
        ),
        -- entered, not approved (draft, submitted, returned), of the items' live indicators: shown apart, never graded
        pending AS (
            SELECT i.unit, e.as_of
            FROM counted_items i
            JOIN actual_entries e ON e.municipality_code = i.municipality_code AND e.item_id = i.item_id
            JOIN indicators x ON x.municipality_code = e.municipality_code AND x.indicator_id = e.indicator_id AND x.item_id = e.item_id
                AND x.municipality_code = ANY(@municipalities)
            WHERE e.municipality_code = ANY(@municipalities) AND e.status <> 'Approved' AND e.fiscal_year BETWEEN @from AND @to
        ),
        staffed AS (
            SELECT i.unit, st.person_years, u.yen_per_person_year, count(*) AS n, max(GREATEST(st.as_of, u.as_of)) AS as_of
            FROM counted_items i
            JOIN staff_times st ON st.municipality_code = i.municipality_code AND st.item_id = i.item_id
            LEFT JOIN staff_unit_costs u ON u.municipality_code = st.municipality_code AND u.fiscal_year = st.fiscal_year AND
                u.municipality_code = ANY(@municipalities)
            WHERE st.municipality_code = ANY(@municipalities) AND st.fiscal_year BETWEEN @from AND @to
            GROUP BY i.unit, st.person_years, u.yen_per_person_year
        ),
        staged AS (
            SELECT DISTINCT i.unit, i.item_id, unnest(c.stages) AS stage
            FROM counted_items i
            JOIN item_schedule_cells c ON c.municipality_code = i.municipality_code AND c.item_id = i.item_id
            WHERE c.municipality_code = ANY(@municipalities) AND c.fiscal_year BETWEEN @from AND @to
        )
        SELECT 'items', unit, NULL, count(*), 0, 0, 0, 0, max(as_of) FROM counted_items GROUP BY unit
        UNION ALL
        SELECT 'stage', unit, stage, count(*), 0, 0, 0, 0, NULL FROM staged GROUP BY unit, stage
        UNION ALL
        SELECT 'lines', unit, NULL, cost, national_prefectural, local_bond, other, general_revenue, lines_as_of FROM line_units
        UNION ALL
        SELECT 'staff', unit, person_years::text, n, coalesce(yen_per_person_year, -1), 0, 0, 0, as_of FROM staffed
        UNION ALL
        SELECT 'held', unit, NULL, reserved, committed, 0, 0, 0, held_as_of FROM line_units WHERE held_as_of IS NOT NULL
        UNION ALL
        -- those of programs naming no line for their year count only without a plan, department or node filter (SummaryScope.Unfiltered)
        SELECT 'applications', unit, NULL, sum(n), sum(awards), sum(awarded), sum(settled), 0, max(as_of) FROM (
            SELECT unit, applications AS n, awards, awarded, settled, applications_as_of AS as_of FROM line_units WHERE applications > 0
            UNION ALL
            SELECT CASE @unit WHEN 1 THEN municipality_code END, count(*), count(*) FILTER (WHERE status IN ('Awarded', 'Reported',
                'Settled')),
                   coalesce(sum(awarded_yen) FILTER (WHERE status IN ('Awarded', 'Reported', 'Settled')), 0),
                   coalesce(sum(settled_yen) FILTER (WHERE status IN ('Awarded', 'Reported', 'Settled')), 0), max(as_of)
            FROM applications WHERE budget_line_id IS NULL AND @unfiltered
            GROUP BY 1
        ) counted_applications GROUP BY unit
        UNION ALL
        SELECT 'grades', unit, NULL, count(*) FILTER (WHERE grade = 0), count(*) FILTER (WHERE grade = 1), count(*) FILTER (WHERE grade =
            2),
               count(*) FILTER (WHERE grade = 3), count(overdue_at), max(overdue_at)
        FROM grades GROUP BY unit
        UNION ALL
        SELECT 'pending', unit, NULL, count(*), 0, 0, 0, 0, max(as_of) FROM pending GROUP BY unit
        """;

    /// <param name="today">The day (Japan time) reporting deadlines are judged on: one due before it has passed.</param>
    public static async Task<(Dictionary<string, UnitFigures> Units, DateTimeOffset? AsOf)> LoadAsync(ReportingDbContext db,
        SummaryScope scope, AchievementThresholds thresholds, DateOnly today, CancellationToken ct)
    {
        var rows = await db.AggregateRangesAsync(Sql, row => (Part: row.GetString(0), Unit: row.NullableText(1), Stage: row.NullableText(2),
                A: row.Long(3), B: row.Long(4), C: row.Long(5), D: row.Long(6), E: row.Long(7), AsOf: row.NullableTime(8)), ct,
            Texts("municipalities", scope.Municipalities), Int("from", scope.From), Int("to", scope.To), Id("plan", scope.PlanId),
            Id("department", scope.DepartmentId), Ids("nodes", scope.Nodes), Int("unit", (int)scope.Unit),
            Bool("unfiltered", scope.Unfiltered),
            Numeric("achieved_at", (decimal)thresholds.AchievedAt), Numeric("on_track_at", (decimal)thresholds.OnTrackAt),
            Date("today", today));

        // Keyed by unit; "" stands for none (a line or application of no department, an item placed nowhere).
        var units = new Dictionary<string, UnitFigures>(StringComparer.Ordinal);
        DateTimeOffset? asOf = null;
        foreach (var (part, unit, stage, a, b, c, d, e, at) in rows)
        {
            if (at is { } t && (asOf is null || t > asOf)) asOf = t;
            if (part == "admitted") continue;
            var figures = units.TryGetValue(unit ?? "", out var found) ? found : units[unit ?? ""] = new UnitFigures();
            if (at is { } u && (figures.AsOf is null || u > figures.AsOf)) figures.AsOf = u;
            switch (part)
            {
                case "items": figures.Items = a; break;
                case "stage": figures.Stages[stage!] = a; break;
                case "lines":
                    (figures.Cost, figures.NationalPrefectural, figures.LocalBond, figures.Other, figures.GeneralRevenue) =
                    (a, b, c, d, e); break;
                case "staff": // one (人工, unit cost) pair and how many item-years have it: 人件費 is rounded per item and year, as budget does
                    var personYears = decimal.Parse(stage!, CultureInfo.InvariantCulture);
                    figures.PersonYears += a * personYears;
                    if (b >= 0) figures.StaffCost += a * StaffCost.Yen(personYears, b);
                    break;
                case "held": (figures.Reserved, figures.Committed) = (a, b); break;
                case "applications": (figures.Applications, figures.Awards, figures.AwardedYen, figures.SettledYen) = (a, b, c, d); break;
                case "grades":
                    (figures.Achieved, figures.OnTrack, figures.Behind, figures.NoData, figures.Overdue) =
                    (a, b, c, d, e); break;
                case "pending": figures.Pending = a; break;
            }
        }
        return (units, asOf);
    }
}
