namespace Kyodo.Printing;

/// <summary>
/// Draws labelled values as a form does: each row holds <see cref="PrintFields.PerRow"/> pairs of a
/// shaded label cell and its value cell; a value longer than its cell wraps and the row grows.
/// </summary>
public static class FieldsDrawer
{
    public static void Draw(PdfFlow flow, PrintFields fields, double fontSize)
    {
        var font = flow.Font(fontSize);
        var perRow = Math.Max(1, fields.PerRow);
        // A label takes a quarter of its pair's width.
        var pair = flow.Width / perRow;
        var widths = Enumerable.Range(0, perRow).SelectMany(_ => new[] { pair * 0.25, pair * 0.75 }).ToArray();
        var labels = Enumerable.Range(0, perRow).Select(i => 2 * i).ToHashSet();
        foreach (var chunk in fields.Fields.Chunk(perRow))
        {
            var cells = chunk.SelectMany(f => new[] { f.Label, f.Value }).ToList();
            while (cells.Count < widths.Length) cells.Add("");
            flow.EnsureSpace(TableDrawer.RowHeight(flow, cells, widths, font, fontSize));
            TableDrawer.DrawRow(flow, cells, widths, null, font, fontSize, shaded: false, shadedCells: labels);
        }
        flow.Y += fontSize;
    }
}
