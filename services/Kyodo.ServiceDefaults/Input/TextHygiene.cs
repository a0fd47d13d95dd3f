using System.Buffers;

namespace Kyodo.ServiceDefaults.Input;

/// <summary>
/// Whether a text is fit to store and to show: within its length, no NUL (PostgreSQL text cannot
/// hold one, and it answered INTERNAL), no other C0/C1 control characters (XML, hence XLSX, cannot
/// hold them, and a terminal obeys them), tab and line breaks only where the field has several
/// lines, and no lone surrogate (not Unicode: UTF-8 cannot encode it, so it cannot be stored or
/// sent on). Says what is wrong and where, never repeating the text itself.
/// </summary>
public static class TextHygiene
{
    // Every character that needs a closer look: C0, DEL and C1 controls, and surrogates (valid in pairs).
    private static readonly SearchValues<char> Suspect = SearchValues.Create(
        Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Concat(Enumerable.Range(0xD800, 0x800)).Select(c => (char)c).ToArray());

    /// <summary>Null when <paramref name="text"/> follows <paramref name="rule"/>; else what is wrong, for a person.</summary>
    public static string? Problem(string text, TextRule rule)
    {
        if (text.Length > rule.MaxLength)
            return $"must be at most {rule.MaxLength:N0} characters (it has {text.Length:N0})";
        var span = text.AsSpan();
        var first = span.IndexOfAny(Suspect);
        return first < 0 ? null : ProblemFrom(span, first, rule);
    }

    private static string? ProblemFrom(ReadOnlySpan<char> text, int start, TextRule rule)
    {
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\0':
                    return $"must not contain a NUL character (U+0000) {At(i)}";
                case '\t' or '\n' or '\r':
                    if (rule.MultiLine) continue;
                    return $"must be one line: no tab or line break (U+{(int)c:X4} {At(i)[1..^1]})";
                case var _ when char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]):
                    i++; // a pair: one character beyond the BMP, an emoji or a rare kanji
                    continue;
                case var _ when char.IsSurrogate(c):
                    return $"must be valid Unicode: a lone surrogate U+{(int)c:X4} {At(i)}";
                case var _ when char.IsControl(c):
                    return $"must not contain the control character U+{(int)c:X4} {At(i)}";
            }
        }
        return null;
    }

    private static string At(int index) => $"(character {index + 1:N0})";
}
