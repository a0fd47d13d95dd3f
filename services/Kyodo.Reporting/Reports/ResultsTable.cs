using Kyodo.Contracts.Plan;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.Reporting.V1;
using Microsoft.EntityFrameworkCore;
using static Kyodo.Reporting.Reports.Cells;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// Report 3, the results table (seed 001, Komoro): the actuals of chosen indicators, one row
/// per fiscal year and one column per indicator, as the document prints 相談数 and マッチング数
/// side by side; a second table says which item each column belongs to.
/// </summary>
internal static class ResultsTable
{
    public static async Task<Report> BuildAsync(ReportingDbContext db, string code, IReadOnlyList<Guid> indicatorIds, YearRange range, Guid? planId, Guid? departmentId, CancellationToken ct)
    {
        var chosen = new List<(ItemRow Row, ItemSnapshot Item, IndicatorSnapshot Indicator)>();
        if (indicatorIds.Count > 0)
        {
            foreach (var id in indicatorIds.Distinct())
                chosen.Add(await IndicatorLookup.FindAsync(db, code, id, ct));
            chosen = chosen.Where(c => (planId is null || c.Row.PlanId == planId) && (departmentId is null || c.Row.LeadDepartmentId == departmentId)).ToList();
        }
        else
        {
            var rows = await db.Items.AsNoTracking()
                .Where(i => i.MunicipalityCode == code && !i.Deleted && !db.Plans.Any(p => p.PlanId == i.PlanId && p.Deleted))
                .Where(i => (planId == null || i.PlanId == planId) && (departmentId == null || i.LeadDepartmentId == departmentId))
                .ToListAsync(ct);
            chosen = rows.Select(r => (Row: r, Item: ItemJson.Read(r.SnapshotJson)))
                .Where(x => x.Item is not null)
                .OrderBy(x => x.Item!.Placements.FirstOrDefault(p => p.Primary)?.Reference ?? "", ReferenceOrder.Instance).ThenBy(x => x.Item!.Title, StringComparer.Ordinal)
                .SelectMany(x => x.Item!.Indicators.Select(indicator => (x.Row, x.Item!, indicator)))
                .ToList();
        }

        var report = new ReportBuilder("実績表", code);
        foreach (var (row, _, _) in chosen) report.Includes(row.AsOf);
        var years = range.Years(chosen.SelectMany(c => c.Indicator.Actuals).Select(a => a.FiscalYear));

        var columns = new List<(string, ColumnKind)> { ("実施年度", ColumnKind.Text) };
        columns.AddRange(chosen.Select(c => (Heading(c.Indicator), ColumnKind.Number)));
        var actuals = report.Table("実績", columns.ToArray());
        foreach (var year in years)
        {
            var cells = new List<Cell> { Text(Japanese.FiscalYearLabel(year)) };
            cells.AddRange(chosen.Select(c => c.Indicator.Actuals.FirstOrDefault(a => a.FiscalYear == year) is { } actual ? Value(actual.Value) : Blank()));
            actuals.Rows.Add(Row(cells.ToArray()));
        }

        var legend = report.Table("指標", ("列", ColumnKind.Text), ("整理番号", ColumnKind.Text), ("事業", ColumnKind.Text), ("区分", ColumnKind.Text),
            ("指標名", ColumnKind.Text), ("単位", ColumnKind.Text));
        foreach (var (_, item, indicator) in chosen)
            legend.Rows.Add(Row(Text(Heading(indicator)), Text(item.Placements.FirstOrDefault(p => p.Primary)?.Reference ?? ""), Text(item.Title),
                Text(Labels.IndicatorKind(indicator.Kind)), Text(indicator.Name), Text(indicator.Unit)));
        return report.Build();
    }

    private static string Heading(IndicatorSnapshot indicator) => indicator.Unit.Length > 0 ? $"{indicator.Name}（{indicator.Unit}）" : indicator.Name;
}
