using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Kyodo.Security;

namespace Kyodo.Japanese;

/// <summary>
/// Reads amounts of money as Japanese documents write them, into whole yen (DOMAIN.md,
/// "Money"): <c>33,916千円</c>, <c>4,576万円</c>, <c>¥850,000</c>, <c>850,000円</c>, <c>850000</c>.
/// </summary>
/// <remarks>
/// Money is stored as whole yen in a <see cref="long"/>, so anything that is not a whole,
/// non-negative number of yen is refused rather than rounded: a silently rounded or sign-
/// flipped amount in a plan is worse than an error the writer can fix.
/// Arithmetic is <see cref="decimal"/>, never floating point, so 1.5千円 is exactly 1,500.
/// </remarks>
public static class YenText
{
    private const string Accepted =
        "Accepted forms: 850000, 850,000, 850,000円, ¥850,000, 33,916千円, 1.5千円, 4,576万円 (full-width characters too)";

    // The units documents use. 百円 and others are absent on purpose: they do not occur in
    // the documents, so meeting one more likely means a typo than a real amount.
    private static readonly Dictionary<string, decimal> Multipliers = new()
    {
        [""] = 1m,
        ["円"] = 1m,
        ["千円"] = 1_000m,
        ["万円"] = 10_000m,
    };

    /// <summary>Parses <paramref name="text"/>, or throws a <see cref="FormatException"/> saying why and what is accepted.</summary>
    public static long Parse(string text) =>
        TryParse(text, out var yen, out var error)
            ? yen
            : throw new FormatException($"{Echo.Of(text)} is not an amount of yen: {error.English}. {Accepted}.");

    /// <summary>
    /// Parses <paramref name="text"/> into whole yen; on failure <paramref name="error"/>
    /// says what is wrong, for a person to read, in Japanese and English.
    /// </summary>
    public static bool TryParse(string? text, out long yen, [NotNullWhen(false)] out Text? error)
    {
        yen = 0;
        error = Read(text, ref yen);
        return error is null;
    }

    // Returns null on success, else the reason. A cursor walk rather than a regex so each
    // failure can name its own cause.
    private static Text? Read(string? text, ref long yen)
    {
        var s = FullWidth.Fold(text ?? "").Trim();
        if (s.Length == 0) return ReadingMessages.Empty;

        // A sign may come before or after the yen mark: -¥100, ¥▲100.
        var i = 0;
        if (IsNegativeSign(s[i])) return ReadingMessages.NegativeAmount(s[i]);
        if (s[i] == '¥') i = SkipSpaces(s, i + 1);
        if (i < s.Length && IsNegativeSign(s[i])) return ReadingMessages.NegativeAmount(s[i]);

        var numberStart = i;
        if (i == s.Length || !(char.IsAsciiDigit(s[i]) || s[i] == ',')) return ReadingMessages.NoNumberInDigits(s);

        // The integer part: plain digits, or groups of three after a comma. Commas anywhere
        // else (1,00 or 10,0000) suggest a typo or a decimal comma, so they are refused.
        var groupLength = 0;
        var sawComma = false;
        for (; i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == ','); i++)
        {
            if (s[i] != ',') { groupLength++; continue; }
            if ((sawComma ? groupLength != 3 : groupLength > 3) || groupLength == 0)
                return ReadingMessages.MisplacedComma(s[numberStart..]);
            sawComma = true;
            groupLength = 0;
        }
        if (sawComma && groupLength != 3)
            return ReadingMessages.MisplacedComma(s[numberStart..]);
        var integerDigits = s[numberStart..i].Replace(",", "").TrimStart('0');

        // The decimal part, meaningful only when the unit makes it whole yen (1.5千円).
        var fractionDigits = "";
        if (i < s.Length && s[i] == '.')
        {
            var fractionStart = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == fractionStart) return ReadingMessages.DecimalPointWithoutDigits;
            fractionDigits = s[fractionStart..i].TrimEnd('0');
        }

        i = SkipSpaces(s, i);
        var unit = s[i..];
        if (unit.Any(char.IsAsciiDigit)) return ReadingMessages.MoreThanOneNumber;
        if (!Multipliers.TryGetValue(unit, out var multiplier))
            return ReadingMessages.UnknownUnit(unit);

        // Bound the digits before handing them to decimal, which would otherwise round a
        // long input silently. 20 integer digits already exceed long.MaxValue (19 digits);
        // a fraction of more than 4 significant digits is below one yen even in 万円.
        if (integerDigits.Length > 20) return ReadingMessages.TooLargeToStore;
        if (fractionDigits.Length > 4) return ReadingMessages.FractionOfAYen;

        var amount = decimal.Parse(
            (integerDigits.Length == 0 ? "0" : integerDigits) + (fractionDigits.Length == 0 ? "" : "." + fractionDigits),
            NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * multiplier;
        if (amount != decimal.Truncate(amount)) return ReadingMessages.FractionOfAYen;
        if (amount > long.MaxValue) return ReadingMessages.TooLargeToStore;

        yen = (long)amount;
        return null;
    }

    // U+2212 and the Japanese accounting markers ▲/△ all mean "minus" in documents.
    private static bool IsNegativeSign(char c) => c is '-' or '\u2212' or '▲' or '△';

    private static int SkipSpaces(string s, int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        return i;
    }
}
