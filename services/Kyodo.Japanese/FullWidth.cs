using System.Text;

namespace Kyodo.Japanese;

// Japanese documents mix full-width (全角) and half-width characters freely, often within
// one cell: "Ｈ３２", "３３，９１６千円". The parsers fold to ASCII first so each rule is
// written once. Done by hand rather than with NFKC so the result does not depend on the
// ICU build and nothing beyond the characters below is rewritten.
public static class FullWidth
{
    /// <summary>
    /// Maps full-width ASCII (U+FF01–U+FF5E: digits, letters, comma, period, minus) to ASCII,
    /// the ideographic space U+3000 to a space and the full-width yen sign U+FFE5 to ¥.
    /// </summary>
    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            folded.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                '\uFFE5' => '\u00A5',
                _ => c,
            });
        }
        return folded.ToString();
    }
}
