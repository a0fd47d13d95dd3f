using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ColumnKind = Kyodo.Reporting.V1.ColumnKind;
using Report = Kyodo.Reporting.V1.Report;
using ReportTable = Kyodo.Reporting.V1.Table;
using V1 = Kyodo.Reporting.V1;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// A report as a real XLSX workbook: one sheet per table, a header row, numbers stored as
/// numbers with yen (#,##0"円") and 千円 (#,##0, — Excel scales by a thousand, rounding half up) formats;
/// then a last sheet 報告情報 saying what a reader needs to trust the file (title, municipality,
/// the conditions asked for, freshness), which the workbook's own properties repeat. Every sheet is
/// set up to print (<see cref="XlsxPageSetup"/>); text wraps within its column.
/// </summary>
internal static class XlsxExport
{
    /// <summary>The name of the sheet after the tables.</summary>
    public const string InfoSheet = "報告情報";

    // Style indexes into the stylesheet below.
    private const uint Header = 1, Yen = 2, ThousandYen = 3, Percent = 4, Count = 5, Wrapped = 6;

    /// <param name="conditions">What the report was asked for, as <see cref="ExportConditions"/> lists it.</param>
    /// <param name="paper">The paper the sheets print on (A3 for wide tables when unspecified).</param>
    public static byte[] Write(Report report, IReadOnlyList<(string Name, string Value)> conditions,
        V1.PaperSize paper = V1.PaperSize.Unspecified)
    {
        var printPaper = XlsxPageSetup.PaperOf(report, paper);
        var names = new List<string>();
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = workbook.Workbook.Sheets!;
            uint sheetId = 1;
            void AddSheet(string name, SheetData data, Columns widths)
            {
                var sheetPart = workbook.AddNewPart<WorksheetPart>();
                sheetPart.Worksheet = new Worksheet(widths, data);
                XlsxPageSetup.Apply(sheetPart.Worksheet, printPaper);
                names.Add(name);
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = sheetId, Name = name });
                sheetId++;
            }
            foreach (var table in report.Tables)
            {
                var data = new SheetData();
                data.Append(HeaderRow(table));
                foreach (var row in table.Rows) data.Append(DataRow(row, table));
                AddSheet(SheetName(table.Name, sheetId), data, XlsxPageSetup.Widths(table.Columns
                    .Select((c, i) => table.Rows.Select(r => i < r.Cells.Count ? PdfExport.Text(r.Cells[i], c.Kind) : "")
                        .Prepend(CsvExport.Header(c))).ToList()));
            }
            var info = Info(report, conditions);
            AddSheet(InfoSheet, InfoData(info), XlsxPageSetup.Widths([info.Select(l => l.Label), info.Select(l => l.Value)]));
            workbook.Workbook.Append(XlsxPageSetup.PrintTitles(names));
            workbook.Workbook.Save();

            var properties = document.PackageProperties;
            properties.Title = XmlText.Clean(report.Title);
            properties.Subject = XmlText.Clean($"municipality {report.MunicipalityCode}");
            properties.Creator = "Kyodo reporting";
            properties.Description = XmlText.Clean(string.Join("\n", info.Skip(1).Select(l => $"{l.Label}: {l.Value}")));
            properties.Keywords = $"as_of={AsOf(report)}";
        }
        return stream.ToArray();
    }

    /// <summary>The info sheet's lines after its header: title, municipality, each condition, freshness.</summary>
    private static List<(string Label, string Value)> Info(Report report, IReadOnlyList<(string Name, string Value)> conditions)
    {
        var lines = new List<(string, string)> { ("項目", "内容"), ("表題", report.Title), ("自治体コード", report.MunicipalityCode) };
        lines.AddRange(conditions.Select(c => ($"条件 {c.Name}", c.Value)));
        lines.Add(("鮮度（含む最新のイベントの時刻）", AsOf(report)));
        return lines;
    }

    /// <summary>The freshness as CSV states it (ISO 8601, UTC), or a word for a report no event reached yet.</summary>
    private static string AsOf(Report report) =>
        report.AsOf is { } asOf ? asOf.ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture) : "なし（イベントを含まない）";

    private static SheetData InfoData(List<(string Label, string Value)> lines)
    {
        var data = new SheetData();
        data.Append(lines.Select((line, i) =>
        {
            var row = new Row();
            row.Append(new[] { line.Label, line.Value }.Select(text => new Cell
            {
                DataType = CellValues.InlineString, InlineString = Inline(text), StyleIndex = i == 0 ? Header : Wrapped,
            }));
            return row;
        }));
        return data;
    }

    private static Row HeaderRow(ReportTable table)
    {
        var row = new Row();
        row.Append(table.Columns.Select(
            c => new Cell { DataType = CellValues.InlineString, InlineString = Inline(CsvExport.Header(c)), StyleIndex = Header }));
        return row;
    }

    private static Row DataRow(V1.Row source, ReportTable table)
    {
        var row = new Row();
        row.Append(source.Cells.Select((cell, i) => cell.ValueCase switch
        {
            V1.Cell.ValueOneofCase.Text =>
                new Cell { DataType = CellValues.InlineString, InlineString = Inline(cell.Text), StyleIndex = Wrapped },
            V1.Cell.ValueOneofCase.Integer => new Cell
            {
                CellValue = new CellValue((decimal)cell.Integer), DataType = CellValues.Number,
                StyleIndex = Style(table.Columns[i].Kind)
            },
            V1.Cell.ValueOneofCase.Number => new Cell
            {
                CellValue = new CellValue(cell.Number), DataType = CellValues.Number,
                StyleIndex = Style(table.Columns[i].Kind)
            },
            _ => new Cell(),
        }));
        return row;
    }

    /// <summary>
    /// Text as a cell holds it: stored text may hold characters XML cannot (a control character kept
    /// before input was checked), which made OpenXml refuse the whole workbook; they show as U+FFFD.
    /// </summary>
    private static InlineString Inline(string text) => new(new Text(XmlText.Clean(text)));

    private static uint Style(ColumnKind kind) => kind switch
    {
        ColumnKind.Yen => Yen,
        ColumnKind.ThousandYen => ThousandYen,
        ColumnKind.Percent => Percent,
        ColumnKind.Count => Count,
        _ => 0,
    };

    /// <summary>Excel sheet names: at most 31 characters, none of []:*?/\.</summary>
    private static string SheetName(string name, uint fallback)
    {
        var clean = new string(XmlText.Clean(name).Where(c => "[]:*?/\\".IndexOf(c) < 0).ToArray());
        return clean.Length == 0 ? $"Sheet{fallback}" : clean[..Math.Min(31, clean.Length)];
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0\"円\"" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "#,##0," }),
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(
            new CellFormat(),
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top })
            {
                FontId = 1, ApplyFont = true,
                ApplyAlignment = true
            },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true }, // 0.00%
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true }, // #,##0
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }));
}
