using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.Reporting.V1;
using static Kyodo.Reporting.Reports.Cells;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// Report 3, the results table (seed 001, Komoro): the approved actuals of chosen indicators, one
/// row per fiscal year and one column per indicator, as the document prints 相談数 and マッチング数
/// side by side; the actuals entered and not yet approved apart (未承認の実績, only when there are
/// any, last); a second table says which item each column belongs to.
/// </summary>
internal static class ResultsTable
{
    public static async Task<Report> BuildAsync(ReportingDbContext db, string code, IReadOnlyList<Guid> indicatorIds, YearRange range,
        Guid? planId, Guid? departmentId, Guid? nodeId, CancellationToken ct)
    {
        var node = await NodeFilter.ResolveAsync(db, code, nodeId, planId, ct);
        bool Selected(LoadedItem item) => (planId is null || item.Row.PlanId == planId)
            && (departmentId is null || item.Row.LeadDepartmentId == departmentId)
            && (node is null || (item.Row.PrimaryNodeId is { } at && node.Subtree.Contains(at)));
        var chosen = new List<(LoadedItem Item, LoadedIndicator Indicator)>();
        if (indicatorIds.Count > 0)
        {
            foreach (var id in indicatorIds.Distinct())
                chosen.Add(await IndicatorLookup.FindAsync(db, code, id, ct));
            chosen = chosen.Where(c => Selected(c.Item)).ToList();
        }
        else
        {
            var items = LoadedItems.Live(db, code)
                .Where(i => (planId == null || i.PlanId == planId) && (departmentId == null || i.LeadDepartmentId == departmentId));
            chosen = (await LoadedItems.LoadAsync(db, code, items, ct)).Where(Selected)
                .SelectMany(x => x.Indicators.Select(indicator => (x, indicator)))
                .ToList();
        }

        var report = new ReportBuilder(ReportTitle.With("実績表", ReportTitle.Node(node?.Label)), code);
        report.Includes(node?.Node.AsOf);
        foreach (var (item, _) in chosen) report.Includes(item.Row.AsOf);
        var years = range.Years(chosen.SelectMany(c => c.Indicator.ActualYears));

        var columns = new List<(string, ColumnKind)> { ("実施年度", ColumnKind.Text) };
        columns.AddRange(chosen.Select(c => (Heading(c.Indicator.Row), ColumnKind.Number)));
        var actuals = report.Table("実績", columns.ToArray());
        foreach (var year in years)
        {
            var cells = new List<Cell> { Text(Japanese.FiscalYearLabel(year)) };
            cells.AddRange(chosen.Select(c => c.Indicator.Actual(year) is { } actual ? Value(actual) : Blank()));
            actuals.Rows.Add(Row(cells.ToArray()));
        }

        var legend = report.Table("指標", ("列", ColumnKind.Text), ("整理番号", ColumnKind.Text), ("事業", ColumnKind.Text), ("区分", ColumnKind.Text),
            ("指標名", ColumnKind.Text), ("単位", ColumnKind.Text));
        foreach (var (item, indicator) in chosen)
            legend.Rows.Add(Row(Text(Heading(indicator.Row)), Text(item.Reference), Text(item.Row.Title),
                Text(Labels.IndicatorKind(indicator.Row.Kind)), Text(indicator.Row.Name), Text(indicator.Row.Unit)));

        // Entered and not yet approved: never in 実績's columns, listed apart, last (after the legend, so the
        // tables callers know keep their places), under the same column headings.
        var pending = await PendingActuals.OfAsync(db, code, chosen.Select(c => c.Indicator.Row.IndicatorId).ToList(), ct);
        var shown = range.All ? years.Union(pending.Keys.Select(k => k.Year)).Order().ToList() : years;
        PendingActuals.AddTable(report, "列",
            from c in chosen.DistinctBy(c => c.Indicator.Row.IndicatorId)
            from year in shown
            where pending.ContainsKey((c.Indicator.Row.IndicatorId, year))
            select (Heading(c.Indicator.Row), c.Indicator.Row.Unit, pending[(c.Indicator.Row.IndicatorId, year)]));
        return report.Build();
    }

    private static string Heading(IndicatorRow indicator) =>
        indicator.Unit.Length > 0 ? $"{indicator.Name}（{indicator.Unit}）" : indicator.Name;
}
