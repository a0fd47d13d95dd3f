using System.Globalization;
using Kyodo.Printing;
using Kyodo.Reporting.V1;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// A report as a printable PDF (services/Kyodo.Printing lays it out): the title, then the
/// municipality, the conditions asked for and the freshness, then each table with its header
/// repeated on every page, numbers formatted as the XLSX shows them (千円 rounded half up).
/// </summary>
internal static class PdfExport
{
    public static byte[] Write(Report report, IReadOnlyList<(string Name, string Value)> conditions, PaperSize paper)
    {
        var subtitle = new List<string> { $"自治体コード {report.MunicipalityCode}" };
        subtitle.AddRange(conditions.Select(c => $"条件 {c.Name}: {c.Value}"));
        subtitle.Add(
            $"鮮度（含む最新のイベントの時刻） {(report.AsOf is { } asOf ? asOf.ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture) : "なし")}");
        var tables = report.Tables.Select(t => (PrintSection)new PrintTable(t.Name,
            t.Columns.Select(c =>
                new PrintColumn(CsvExport.Header(c), c.Kind == ColumnKind.Text ? 2 : 1, AlignRight: c.Kind != ColumnKind.Text)).ToList(),
            t.Rows.Select(r => (IReadOnlyList<string>)r.Cells.Select((cell, i) => Text(cell, t.Columns[i].Kind)).ToList()).ToList()))
                .ToList();
        return PdfRenderer.Render(new PrintDocument(report.Title, subtitle, tables, ReportPaper.For(report, paper))
        {
            Subject = $"municipality {report.MunicipalityCode}",
        });
    }

    /// <summary>A cell as printed: 千円 rounded half up and yen with thousands separators, ratios as percent.</summary>
    public static string Text(Cell cell, ColumnKind kind) => cell.ValueCase switch
    {
        Cell.ValueOneofCase.Text => cell.Text,
        Cell.ValueOneofCase.Integer when kind == ColumnKind.ThousandYen => EvaluationSheetLayout.Thousand(cell.Integer),
        Cell.ValueOneofCase.Integer => cell.Integer.ToString("#,0", CultureInfo.InvariantCulture),
        Cell.ValueOneofCase.Number when kind == ColumnKind.Percent =>
            (cell.Number * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        Cell.ValueOneofCase.Number => cell.Number.ToString(CultureInfo.InvariantCulture),
        _ => "",
    };
}
