using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Kyodo.Reporting.Tests;

/// <summary>An exported XLSX read back with DocumentFormat.OpenXml: each sheet's cells as stored, with the number format each cell
/// shows.</summary>
internal sealed class Workbook : IDisposable
{
    private readonly SpreadsheetDocument _document;

    public Workbook(byte[] xlsx) => _document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);

    public IReadOnlyList<string> SheetNames =>
        _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    /// <summary>The sheet's rows; each cell as (stored value or inline text, number format code or "" for General).</summary>
    public List<List<(string Value, string Format)>> Sheet(string name)
    {
        var part = _document.WorkbookPart!;
        var sheet = part.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        var worksheet = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet;
        return worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => (c.CellValue?.Text ?? c.InnerText, Format(c))).ToList()).ToList();
    }

    private string Format(Cell cell)
    {
        var styles = _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var formatId = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0)).NumberFormatId?.Value ?? 0;
        var custom = styles.NumberingFormats?.Elements<NumberingFormat>()
            .FirstOrDefault(f => f.NumberFormatId?.Value == formatId)?.FormatCode?.Value;
        return custom ?? formatId switch { 0 => "", 3 => "#,##0", 10 => "0.00%", _ => $"builtin {formatId}" };
    }

    public void Dispose() => _document.Dispose();
}
