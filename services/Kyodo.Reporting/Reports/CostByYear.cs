using Kyodo.Reporting.Data;
using Kyodo.Reporting.V1;
using static Kyodo.Reporting.Reports.Cells;
using static Kyodo.Reporting.Reports.ReportSql;

namespace Kyodo.Reporting.Reports;

/// <summary>Live budget lines summed per fiscal year (and municipality) in SQL: how many, cost by funding source, the newest line's
/// time.</summary>
internal sealed record YearCost(string Municipality, int FiscalYear, long Lines, long Cost, long NationalPrefectural, long LocalBond,
    long Other, long GeneralRevenue, DateTimeOffset? AsOf);

internal static class CostByYear
{
    private const string Sums = """
        count(*), sum(l.cost_yen), sum(l.national_prefectural_yen), sum(l.local_bond_yen), sum(l.other_yen), sum(l.general_revenue_yen),
        max(l.as_of)
        """;

    public static Task<List<YearCost>> OfItemAsync(ReportingDbContext db, string code, Guid itemId, CancellationToken ct) =>
        db.QueryAsync($"""
            SELECT l.municipality_code, l.fiscal_year, {Sums}
            FROM budget_lines l
            WHERE l.municipality_code = @municipality AND l.item_id = @item AND NOT l.deleted
            GROUP BY l.municipality_code, l.fiscal_year ORDER BY l.fiscal_year
            """, Read, ct, Text("municipality", code), Id("item", itemId));

    /// <summary>
    /// Lines booked to <paramref name="accountPath"/> or an account under it, of the years (all when
    /// open), optionally of one department, of one plan's live items and of live items placed under
    /// <paramref name="nodes"/>; per year, and per municipality too when <paramref name="byMunicipality"/>.
    /// </summary>
    public static Task<List<YearCost>> OfAccountAsync(ReportingDbContext db, IReadOnlyCollection<string> municipalities, string accountPath,
        Guid? departmentId, Guid? planId, IReadOnlyCollection<Guid>? nodes, YearRange range, bool byMunicipality, CancellationToken ct) =>
        db.QueryAsync($"""
            SELECT {(byMunicipality ? "l.municipality_code" : "''")}, l.fiscal_year, {Sums}
            FROM budget_lines l
            WHERE l.municipality_code = ANY(@municipalities) AND NOT l.deleted
              AND (l.account_path = @account OR starts_with(l.account_path, @account || '/'))
              AND (@from = 0 OR l.fiscal_year BETWEEN @from AND @to)
              AND (@department IS NULL OR l.department_id = @department)
              AND ((@plan IS NULL AND @nodes IS NULL) OR EXISTS (
                  SELECT 1 FROM items i
                  WHERE i.municipality_code = l.municipality_code AND i.item_id = l.item_id AND NOT i.deleted
                    AND (@plan IS NULL OR i.plan_id = @plan) AND (@nodes IS NULL OR i.primary_node_id = ANY(@nodes))))
            GROUP BY 1, l.fiscal_year ORDER BY 1, l.fiscal_year
            """, Read, ct, Texts("municipalities", municipalities), Text("account", accountPath), Int("from", range.From),
                Int("to", range.To),
            Id("department", departmentId), Id("plan", planId), Ids("nodes", nodes));

    private static YearCost Read(System.Data.Common.DbDataReader row) => new(row.GetString(0).Trim(), row.GetInt32(1), row.Long(2),
        row.Long(3), row.Long(4), row.Long(5), row.Long(6), row.Long(7), row.NullableTime(8));

    /// <summary>事業費の推移: a row per year of the range (or, open, per year held), blank where no line exists; dates the report by the lines
    /// shown.</summary>
    public static void Table(ReportBuilder report, IReadOnlyList<YearCost> years, YearRange range)
    {
        var shown = years.Where(y => range.Contains(y.FiscalYear)).ToDictionary(y => y.FiscalYear);
        foreach (var year in shown.Values) report.Includes(year.AsOf);
        var table = report.Table("事業費の推移", ("年度", ColumnKind.Text), ("予算行数", ColumnKind.Count), ("事業費", ColumnKind.Yen),
            ("国・県支出金", ColumnKind.Yen), ("地方債", ColumnKind.Yen), ("その他", ColumnKind.Yen), ("一般財源", ColumnKind.Yen));
        foreach (var year in range.Years(shown.Keys))
        {
            var found = shown.GetValueOrDefault(year);
            Cell Sum(Func<YearCost, long> amount) => found is null ? Blank() : Integer(amount(found));
            table.Rows.Add(Row(Text(Japanese.FiscalYearLabel(year)), Integer(found?.Lines ?? 0), Sum(y => y.Cost),
                Sum(y => y.NationalPrefectural), Sum(y => y.LocalBond), Sum(y => y.Other), Sum(y => y.GeneralRevenue)));
        }
    }
}
