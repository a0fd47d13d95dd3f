using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using ExcelDataReader;

namespace Kyodo.Reporting.Tests;

/// <summary>One sheet as ExcelDataReader gives it: each cell's value (string, double …, or null) and the number format it shows.</summary>
internal sealed record ReadSheet(string Name, List<List<(object? Value, string? Format)>> Rows)
{
    /// <summary>The cells as text: numbers in invariant form, blanks as "".</summary>
    public string[][] Texts() => Rows.Select(r => r.Select(c => c.Value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    }).ToArray()).ToArray();
}

/// <summary>
/// Reads an exported workbook with readers that share nothing with the writer's OpenXml SDK:
/// ExcelDataReader for the sheets, and the zip's docProps/core.xml for the workbook's properties.
/// </summary>
internal static class SpreadsheetReadBack
{
    // ExcelDataReader's configuration asks for Windows-1252 (its fallback for old .xls files), which
    // .NET provides only once the code-page provider (part of the shared framework) is registered.
    static SpreadsheetReadBack() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    public static List<ReadSheet> Read(byte[] xlsx)
    {
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(xlsx));
        var sheets = new List<ReadSheet>();
        do
        {
            var rows = new List<List<(object?, string?)>>();
            while (reader.Read())
                rows.Add(Enumerable.Range(0, reader.FieldCount)
                    .Select(i => ((object?)reader.GetValue(i), (string?)reader.GetNumberFormatString(i))).ToList());
            sheets.Add(new ReadSheet(reader.Name, rows));
        }
        while (reader.NextResult());
        return sheets;
    }

    /// <summary>
    /// The core properties (dc:title, dc:subject, dc:description, cp:keywords …) by local name, from
    /// the part the package's own relationships (_rels/.rels) name as its core properties.
    /// </summary>
    public static Dictionary<string, string> CoreProperties(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        XDocument Part(string path)
        {
            using var stream = (zip.GetEntry(path) ?? throw new InvalidOperationException($"the workbook has no {path}")).Open();
            return XDocument.Load(stream);
        }
        var target = Part("_rels/.rels").Root!.Elements()
            .Single(r => ((string?)r.Attribute("Type"))?.EndsWith("/metadata/core-properties", StringComparison.Ordinal) == true)
            .Attribute("Target")!.Value.TrimStart('/');
        return Part(target).Root!.Elements().ToDictionary(e => e.Name.LocalName, e => e.Value);
    }
}
