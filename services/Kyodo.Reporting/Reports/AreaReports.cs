using Kyodo.Reporting.Data;
using Kyodo.Reporting.V1;
using static Kyodo.Reporting.Reports.Cells;
using static Kyodo.Reporting.Reports.ReportSql;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// The reports across municipalities: one row per municipality of the area (zeros where it holds
/// nothing), then the total. Each municipality's row is what its own report totals, aggregated in
/// SQL over the municipalities' part of each index; only the rows cross to the service.
/// </summary>
internal static class AreaReports
{
    /// <summary>Each municipality's department summary, summed into one row (its 合計).</summary>
    public static async Task<Report> DepartmentSummaryAsync(ReportingDbContext db, Area area, int from, int to,
        AchievementThresholds thresholds, DateOnly today, CancellationToken ct)
    {
        var report = Start($"部署別集計（自治体別） FY{from}–FY{to}", area);
        var stages = await StageVocabulary.OfAsync(db, area.Municipalities, today, ct);
        var (units, asOf) = await KeptSummaryFigures.LoadAsync(db,
            new SummaryScope(area.Municipalities, from, to, Unit: SummaryUnit.Municipality), thresholds, today, ct);
        report.Includes(asOf);
        var table = SummaryTable.Create(report, "自治体別集計", "自治体コード", stages);
        foreach (var code in area.Municipalities) SummaryTable.Add(table, code, units.GetValueOrDefault(code) ?? new UnitFigures(), stages);
        SummaryTable.AddTotal(table, units.Values, stages);
        return report.Build();
    }

    private sealed record Structure(string Municipality, long Plans, long Nodes, long Placements, long Relisted, DateTimeOffset? AsOf);

    /// <summary>Each municipality's plans whose period overlaps the years, rolled up as the plan-structure report's total row.</summary>
    public static async Task<Report> PlanStructureAsync(ReportingDbContext db, Area area, int from, int to,
        AchievementThresholds thresholds, DateOnly today, CancellationToken ct)
    {
        var report = Start($"施策体系（自治体別） FY{from}–FY{to}", area);
        var stages = await StageVocabulary.OfAsync(db, area.Municipalities, today, ct);
        var (units, asOf) = await KeptSummaryFigures.LoadAsync(db,
            new SummaryScope(area.Municipalities, from, to, Unit: SummaryUnit.Municipality), thresholds, today, ct);
        report.Includes(asOf);
        var structures = (await KeptFigures.ReadThroughAsync<Structure?>(db, area.Municipalities, $"structure;from={from};to={to}", today,
            missing => StructuresAsync(db, missing, from, to, ct), ct)).Values.OfType<Structure>().ToDictionary(s => s.Municipality);
        foreach (var s in structures.Values) report.Includes(s.AsOf);

        var table = report.Table("自治体別施策体系", [("自治体コード", ColumnKind.Text), ("計画数", ColumnKind.Count), ("ノード数", ColumnKind.Count),
            ("事業数", ColumnKind.Count), ("掲載数", ColumnKind.Count), ("再掲数", ColumnKind.Count), .. SummaryTable.CostColumns,
            .. stages.Select(s => ($"{s}（事業数）", ColumnKind.Count)),
            .. SummaryTable.AchievementColumns]);
        void Add(string label, Structure s, UnitFigures f) => table.Rows.Add(Row([Text(label), Integer(s.Plans), Integer(s.Nodes),
            Integer(f.Items), Integer(s.Placements), Integer(s.Relisted), .. SummaryTable.CostCells(f),
            .. stages.Select(stage => Integer(f.Stages.GetValueOrDefault(stage))), .. SummaryTable.AchievementCells(f)]));
        var none = new Structure("", 0, 0, 0, 0, null);
        foreach (var code in area.Municipalities)
            Add(code, structures.GetValueOrDefault(code) ?? none, units.GetValueOrDefault(code) ?? new UnitFigures());
        var all = structures.Values.ToList();
        Add(SummaryTable.Total,
            new Structure("", all.Sum(s => s.Plans), all.Sum(s => s.Nodes), all.Sum(s => s.Placements), all.Sum(s => s.Relisted), null),
            SummaryTable.Sum(units.Values));
        return report.Build();
    }

    /// <summary>
    /// The municipalities' plans whose period overlaps the years, their live nodes, placements and
    /// re-listings (null for a municipality with no such plan). Kept per municipality: over 179
    /// municipalities this costs 0.3 s of PostgreSQL's time a call (2026-12-06, national benchmark database).
    /// </summary>
    private static async Task<Dictionary<string, Structure?>> StructuresAsync(ReportingDbContext db, IReadOnlyList<string> municipalities,
        int from, int to, CancellationToken ct)
    {
        var found = (await db.AggregateRangesAsync("""
            WITH scope_plans AS MATERIALIZED (
                SELECT municipality_code, plan_id, as_of FROM plans
                WHERE municipality_code = ANY(@municipalities) AND NOT deleted AND start_fiscal_year <= @to AND end_fiscal_year >= @from
            ),
            nodes AS (
                SELECT n.municipality_code, count(*) AS nodes, max(n.as_of) AS as_of FROM plan_nodes n
                JOIN scope_plans p ON p.municipality_code = n.municipality_code AND p.plan_id = n.plan_id
                WHERE n.municipality_code = ANY(@municipalities) AND NOT n.deleted GROUP BY n.municipality_code
            ),
            placed AS (
                SELECT i.municipality_code, count(*) AS placements, count(*) FILTER (WHERE NOT pl.is_primary) AS relisted FROM items i
                JOIN scope_plans p ON p.municipality_code = i.municipality_code AND p.plan_id = i.plan_id
                JOIN item_placements pl ON pl.municipality_code = i.municipality_code AND pl.item_id = i.item_id
                WHERE i.municipality_code = ANY(@municipalities) AND pl.municipality_code = ANY(@municipalities) AND NOT i.deleted
                GROUP BY i.municipality_code
            ),
            plan_counts AS (SELECT municipality_code, count(*) AS plans, max(as_of) AS as_of FROM scope_plans GROUP BY municipality_code)
            SELECT c.municipality_code, c.plans, coalesce(n.nodes, 0), coalesce(pl.placements, 0), coalesce(pl.relisted, 0),
                greatest(c.as_of, n.as_of)
            FROM plan_counts c LEFT JOIN nodes n USING (municipality_code) LEFT JOIN placed pl USING (municipality_code)
            """, row => new Structure(row.GetString(0).Trim(), row.Long(1), row.Long(2), row.Long(3), row.Long(4),
                row.NullableTime(5)), ct,
            Texts("municipalities", municipalities), Int("from", from), Int("to", to))).ToDictionary(s => s.Municipality);
        return municipalities.ToDictionary(code => code, code => found.GetValueOrDefault(code));
    }

    /// <summary>An account's cost across years: the area's per year by funding source, then each municipality's per year.</summary>
    public static async Task<Report> TrendAsync(ReportingDbContext db, Area area, string accountPath, YearRange range, CancellationToken ct)
    {
        var report = Start($"推移 事業費 {accountPath}", area);
        var rows = await CostByYear.OfAccountAsync(db, area.Municipalities, accountPath, null, null, null, range, byMunicipality: true, ct);
        var byYear = rows.GroupBy(r => r.FiscalYear).Select(g => new YearCost("", g.Key, g.Sum(r => r.Lines), g.Sum(r => r.Cost),
            g.Sum(r => r.NationalPrefectural),
            g.Sum(r => r.LocalBond), g.Sum(r => r.Other), g.Sum(r => r.GeneralRevenue), g.Max(r => r.AsOf))).ToList();
        CostByYear.Table(report, byYear, range);

        var years = range.Years(byYear.Select(y => y.FiscalYear));
        var table = report.Table("自治体別 事業費", [("自治体コード", ColumnKind.Text),
            .. years.Select(y => (Japanese.FiscalYearLabel(y), ColumnKind.Yen)), ("計", ColumnKind.Yen)]);
        var cost = rows.ToDictionary(r => (r.Municipality, r.FiscalYear), r => r.Cost);
        foreach (var code in area.Municipalities)
            table.Rows.Add(Row([Text(code), .. years.Select(y => Integer(cost.GetValueOrDefault((code, y)))),
                Integer(years.Sum(y => cost.GetValueOrDefault((code, y))))]));
        table.Rows.Add(Row([Text(SummaryTable.Total), .. years.Select(y => Integer(rows.Where(r => r.FiscalYear == y).Sum(r => r.Cost))),
            Integer(rows.Where(r => years.Contains(r.FiscalYear)).Sum(r => r.Cost))]));
        return report.Build();
    }

    private static ReportBuilder Start(string title, Area area)
    {
        var report = new ReportBuilder(ReportTitle.With(title, area.Label), "");
        report.Covers(area.Municipalities);
        return report;
    }
}
