using System.Buffers;
using Kyodo.Security;
using Kyodo.ServiceDefaults.Errors;

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
        Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Concat(Enumerable.Range(0xD800, 0x800)).Select(c => (char)c)
            .ToArray());

    /// <summary>Null when <paramref name="text"/> follows <paramref name="rule"/>; else what is wrong, for a person, in Japanese and
    /// English.</summary>
    public static Text? Problem(string text, TextRule rule)
    {
        if (text.Length > rule.MaxLength)
            return SharedMessages.TooLong(rule.MaxLength, text.Length);
        var span = text.AsSpan();
        var first = span.IndexOfAny(Suspect);
        return first < 0 ? null : ProblemFrom(span, first, rule);
    }

    private static Text? ProblemFrom(ReadOnlySpan<char> text, int start, TextRule rule)
    {
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\0':
                    return SharedMessages.NulCharacterAt(i + 1);
                case '\t' or '\n' or '\r':
                    if (rule.MultiLine) continue;
                    return SharedMessages.OneLine(c, i + 1);
                case var _ when char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]):
                    i++; // a pair: one character beyond the BMP, an emoji or a rare kanji
                    continue;
                case var _ when char.IsSurrogate(c):
                    return SharedMessages.LoneSurrogate(c, i + 1);
                case var _ when char.IsControl(c):
                    return SharedMessages.ControlCharacter(c, i + 1);
            }
        }
        return null;
    }
}
