using System.Text;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// Text an XML document (an XLSX part) can hold: XML 1.0 allows tab, line feed and carriage return
/// of the control characters, no lone surrogate and neither U+FFFE nor U+FFFF. Whatever else stored
/// text holds — written before the services checked input, or by a path that does not check — is
/// replaced by U+FFFD, so an export never fails on what it reads.
/// </summary>
internal static class XmlText
{
    public const char Replacement = '\uFFFD';

    public static string Clean(string text)
    {
        var first = FirstInvalid(text);
        if (first < 0) return text;
        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else
            {
                clean.Append(Valid(c) ? c : Replacement);
            }
        }
        return clean.ToString();
    }

    private static int FirstInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (!Valid(c)) return i;
        }
        return -1;
    }

    private static bool Valid(char c) =>
        c is '\t' or '\n' or '\r' || (c >= '\u0020' && c <= '\uD7FF') || (c >= '\uE000' && c <= '\uFFFD');
}
