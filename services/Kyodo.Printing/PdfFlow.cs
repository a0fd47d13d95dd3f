using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Kyodo.Printing;

/// <summary>
/// Pages as text flows down them: landscape A4 or A3 with 12 mm margins, a cursor that moves down,
/// a new page when a block does not fit (calling back to repeat a table's header), and at the end
/// "title — n / N" at the foot of every page.
/// </summary>
public sealed class PdfFlow
{
    private const double Margin = 34; // 12 mm in points
    private const double FooterHeight = 14;
    private readonly PdfDocument _document = new();
    private readonly Paper _paper;
    private readonly string _footer;
    private readonly XPdfFontOptions _unicode = new(PdfFontEncoding.Unicode);

    public PdfFlow(Paper paper, string title, string subject)
    {
        PrintFonts.Register();
        _paper = paper;
        _footer = title;
        _document.Info.Title = title;
        _document.Info.Subject = subject;
        _document.Info.Creator = "Kyodo";
        Graphics = null!;
        NewPage();
    }

    public XGraphics Graphics { get; private set; }
    public double Left => Margin;
    public double Width { get; private set; }
    public double Y { get; set; }
    private double Bottom { get; set; }

    public XFont Font(double size, bool bold = false) =>
        new(PrintFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, _unicode);

    public void NewPage()
    {
        Graphics?.Dispose();
        var page = _document.AddPage();
        // Landscape: the long side across.
        var (width, height) = _paper == Paper.A3 ? (420.0, 297.0) : (297.0, 210.0);
        page.Width = XUnit.FromMillimeter(width);
        page.Height = XUnit.FromMillimeter(height);
        Graphics = XGraphics.FromPdfPage(page);
        Width = page.Width.Point - 2 * Margin;
        Bottom = page.Height.Point - Margin - FooterHeight;
        Y = Margin;
    }

    /// <summary>Makes room for <paramref name="height"/> points, starting a page (then <paramref name="onNewPage"/>) when they do not
    /// fit.</summary>
    public void EnsureSpace(double height, Action? onNewPage = null)
    {
        if (Y + height <= Bottom) return;
        NewPage();
        onNewPage?.Invoke();
    }

    /// <summary>Wrapped text across the page's width.</summary>
    public void Text(string text, double size, bool bold = false, double spaceAfter = 4)
    {
        var font = Font(size, bold);
        var lineHeight = size * 1.35;
        foreach (var line in TextLines.Wrap(Graphics, text, font, Width))
        {
            EnsureSpace(lineHeight);
            Graphics.DrawString(line, font, XBrushes.Black, new XRect(Left, Y, Width, lineHeight), XStringFormats.TopLeft);
            Y += lineHeight;
        }
        Y += spaceAfter;
    }

    /// <summary>Writes the page numbers and returns the PDF's bytes.</summary>
    public byte[] Finish()
    {
        Graphics.Dispose();
        var font = Font(8);
        for (var i = 0; i < _document.PageCount; i++)
        {
            var page = _document.Pages[i];
            using var graphics = XGraphics.FromPdfPage(page);
            var y = page.Height.Point - Margin - FooterHeight + 4;
            graphics.DrawString($"{_footer} — {i + 1} / {_document.PageCount}", font, XBrushes.Gray,
                new XRect(Margin, y, page.Width.Point - 2 * Margin, FooterHeight), XStringFormats.TopRight);
        }
        using var stream = new MemoryStream();
        _document.Save(stream, false);
        return stream.ToArray();
    }
}
