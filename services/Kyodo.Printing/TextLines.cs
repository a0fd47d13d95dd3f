using PdfSharp.Drawing;

namespace Kyodo.Printing;

/// <summary>
/// Breaks text into lines that fit a width. Japanese has no spaces to break at, so a line may break
/// after any character; a line never starts with closing punctuation (、。）」) when it can be helped
/// (禁則, the simple form). Explicit line breaks are kept.
/// </summary>
public static class TextLines
{
    private const string NoLineStart = "、。，．）」』】〕・ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ!?！？),.%";

    public static IReadOnlyList<string> Wrap(XGraphics graphics, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            var lineWidth = 0.0;
            foreach (var c in paragraph)
            {
                var w = graphics.MeasureString(c.ToString(), font).Width;
                if (line.Length > 0 && lineWidth + w > width && !(NoLineStart.Contains(c) && lineWidth + w <= width * 1.05))
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    lineWidth = 0;
                }
                line.Append(c);
                lineWidth += w;
            }
            lines.Add(line.ToString());
        }
        return lines;
    }
}
