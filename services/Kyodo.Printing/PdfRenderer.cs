namespace Kyodo.Printing;

/// <summary>Lays a <see cref="PrintDocument"/> out on PDF pages: title, subtitle lines, then each section under its heading.</summary>
public static class PdfRenderer
{
    private const double TitleSize = 16, HeadingSize = 11, BodySize = 9, SmallSize = 8;

    public static byte[] Render(PrintDocument document)
    {
        var flow = new PdfFlow(document.Paper, document.Title, document.Subject);
        flow.Text(document.Title, TitleSize, bold: true, spaceAfter: 2);
        foreach (var line in document.Subtitle) flow.Text(line, SmallSize, spaceAfter: 0);
        flow.Y += BodySize;
        foreach (var section in document.Sections)
        {
            if (section.Heading.Length > 0)
            {
                flow.EnsureSpace(HeadingSize * 4); // a heading never ends a page alone
                flow.Text(section.Heading, HeadingSize, bold: true, spaceAfter: 2);
            }
            switch (section)
            {
                case PrintTable table: TableDrawer.Draw(flow, table, BodySize); break;
                case PrintFields fields: FieldsDrawer.Draw(flow, fields, BodySize); break;
                case PrintText text:
                    foreach (var paragraph in text.Paragraphs) flow.Text(paragraph, BodySize);
                    break;
            }
        }
        return flow.Finish();
    }
}
