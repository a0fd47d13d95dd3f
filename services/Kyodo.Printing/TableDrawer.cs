using PdfSharp.Drawing;

namespace Kyodo.Printing;

/// <summary>
/// Draws a table on the flow: the columns share the page's width by weight, every cell wraps within
/// its column and the row is as tall as its tallest cell; the header row (shaded) is drawn again at
/// the top of every page the table runs onto. Numbers align right, as printed sheets have them.
/// </summary>
public static class TableDrawer
{
    private const double Padding = 3;
    private static readonly XBrush Shade = new XSolidBrush(XColor.FromArgb(235, 235, 235));

    public static void Draw(PdfFlow flow, PrintTable table, double fontSize)
    {
        var font = flow.Font(fontSize);
        var bold = flow.Font(fontSize, bold: true);
        var total = table.Columns.Sum(c => c.Weight);
        var widths = table.Columns.Select(c => flow.Width * c.Weight / total).ToArray();
        var header = table.Columns.Select(c => c.Title).ToList();

        void DrawHeader() => DrawRow(flow, header, widths, table.Columns, bold, fontSize, shaded: true);
        flow.EnsureSpace(RowHeight(flow, header, widths, bold, fontSize) * 2);
        DrawHeader();
        foreach (var row in table.Rows)
        {
            flow.EnsureSpace(RowHeight(flow, row, widths, font, fontSize), DrawHeader);
            DrawRow(flow, row, widths, table.Columns, font, fontSize, shaded: false);
        }
        flow.Y += fontSize;
    }

    public static double RowHeight(PdfFlow flow, IReadOnlyList<string> cells, double[] widths, XFont font, double fontSize) =>
        cells.Select((text, i) => TextLines.Wrap(flow.Graphics, text, font, widths[i] - 2 * Padding).Count).DefaultIfEmpty(1).Max()
            * fontSize * 1.3 + 2 * Padding;

    public static void DrawRow(PdfFlow flow, IReadOnlyList<string> cells, double[] widths, IReadOnlyList<PrintColumn>? columns, XFont font,
        double fontSize, bool shaded, IReadOnlySet<int>? shadedCells = null)
    {
        var height = RowHeight(flow, cells, widths, font, fontSize);
        var x = flow.Left;
        for (var i = 0; i < widths.Length; i++)
        {
            var rect = new XRect(x, flow.Y, widths[i], height);
            if (shaded || shadedCells?.Contains(i) == true) flow.Graphics.DrawRectangle(Shade, rect);
            flow.Graphics.DrawRectangle(XPens.Black, rect);
            var lineY = flow.Y + Padding;
            var right = !shaded && columns is not null && columns[i].AlignRight;
            foreach (var line in TextLines.Wrap(flow.Graphics, i < cells.Count ? cells[i] : "", font, widths[i] - 2 * Padding))
            {
                flow.Graphics.DrawString(line, font, XBrushes.Black, new XRect(x + Padding, lineY, widths[i] - 2 * Padding, fontSize * 1.3),
                    right ? XStringFormats.TopRight : XStringFormats.TopLeft);
                lineY += fontSize * 1.3;
            }
            x += widths[i];
        }
        flow.Y += height;
    }
}
