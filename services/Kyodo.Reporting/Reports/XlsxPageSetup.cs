using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Report = Kyodo.Reporting.V1.Report;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// How each exported sheet prints: landscape on the report's paper (A4, or A3 for wide tables),
/// fitted to one page across (as many down as needed), the header row repeated on every page
/// (print titles), margins of about 1.3 cm, and column widths from the longest text in each column
/// (a full-width character counts two), between 8 and 60 characters; long text wraps in its cell.
/// </summary>
internal static class XlsxPageSetup
{
    private const double MinWidth = 8, MaxWidth = 60;

    /// <summary>Widths in Excel's character units, one per column, from the texts the column shows.</summary>
    public static Columns Widths(IReadOnlyList<IEnumerable<string>> columns)
    {
        var result = new Columns();
        for (var i = 0; i < columns.Count; i++)
        {
            var widest = columns[i].Select(DisplayWidth).DefaultIfEmpty(0).Max();
            result.Append(new Column
            {
                Min = (uint)(i + 1), Max = (uint)(i + 1), CustomWidth = true,
                Width = Math.Clamp(widest + 2, MinWidth, MaxWidth),
            });
        }
        return result;
    }

    /// <summary>The print settings, appended after the sheet data in the order the schema wants them.</summary>
    public static void Apply(Worksheet worksheet, Printing.Paper paper)
    {
        worksheet.InsertAt(new SheetProperties(new PageSetupProperties { FitToPage = true }), 0);
        worksheet.Append(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        worksheet.Append(new PageSetup
        {
            PaperSize = paper == Printing.Paper.A3 ? 8U : 9U, // SpreadsheetML: 9 = A4, 8 = A3
            Orientation = OrientationValues.Landscape,
            FitToWidth = 1,
            FitToHeight = 0, // as many pages down as the rows need
        });
    }

    /// <summary>The header row of each sheet (index in the workbook) repeated on every printed page.</summary>
    public static DefinedNames PrintTitles(IReadOnlyList<string> sheetNames)
    {
        var names = new DefinedNames();
        for (var i = 0; i < sheetNames.Count; i++)
            names.Append(
                new DefinedName($"'{sheetNames[i].Replace("'", "''")}'!$1:$1") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i });
        return names;
    }

    private static double DisplayWidth(string text) =>
        text.Split('\n').Select(line => line.Sum(c => c > 0x2E7F ? 2.0 : 1.0)).DefaultIfEmpty(0).Max();

    public static Printing.Paper PaperOf(Report report, V1.PaperSize requested) => ReportPaper.For(report, requested);
}
