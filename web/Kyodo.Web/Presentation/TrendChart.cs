using Kyodo.Reporting.V1;

namespace Kyodo.Web.Presentation;

/// <summary>
/// A trend report as a chart: years along the axis; amounts in 千円 stacked by funding source
/// (the total 事業費 is their sum, so it is not drawn again); counts side by side; a ratio (達成率)
/// as a line on a second axis in %. A subsidy trend's rows are per year and course, summed per year.
/// </summary>
public static class TrendChart
{
    public static string For(Table table)
    {
        var years = table.Rows.Select(r => r.TextAt(0)).Distinct().ToList();
        var money = table.Columns.Any(c => c.Kind is ColumnKind.Yen or ColumnKind.ThousandYen) && table.IndexOf("事業費") >= 0;
        var series = new List<Chart.Series>();
        for (var i = 1; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            if (column.Kind is ColumnKind.Text or ColumnKind.Unspecified) continue;
            if (money && (column.Name == "事業費" || column.Kind == ColumnKind.Count)) continue;
            // Subsidy trends: counts are charted; their amounts stay in the table (another scale).
            if (!money && column.Kind == ColumnKind.Yen) continue;
            var index = i;
            var percent = column.Kind == ColumnKind.Percent;
            series.Add(new Chart.Series(column.Name, years.Select(year =>
            {
                var values = table.Rows.Where(r => r.TextAt(0) == year).Select(r => r.ValueAt(index, column.Kind)).Where(v => v is not null)
                    .ToList();
                if (values.Count == 0) return (double?)null;
                var sum = values.Sum(v => v!.Value);
                return percent ? Math.Round(sum * 100, 1) : column.Kind == ColumnKind.Yen ? CellText.ThousandYen((long)sum) : sum;
            }).ToList(), percent ? "line" : "bar", SecondAxis: percent));
        }
        var unit = money ? "千円" : series.Any(s => s.Name.Contains("数")) ? "件" : "";
        return Chart.Bars(years, series, unit, stacked: money, secondUnit: series.Any(s => s.SecondAxis) ? "達成率（%）" : null);
    }
}
