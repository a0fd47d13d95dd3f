using System.Diagnostics.CodeAnalysis;
using Kyodo.Security;

namespace Kyodo.Japanese;

/// <summary>
/// Reads fiscal years (年度) as Japanese documents write them and shows them back
/// (DOMAIN.md, "Fiscal years and eras"). A fiscal year is stored as the Gregorian year it
/// starts in: FY2019 = 1 April 2019 – 31 March 2020.
/// </summary>
/// <remarks>
/// Accepted: <c>2020</c>, <c>FY2020</c>, <c>2020年度</c>; an era (昭和/平成/令和, or S/H/R in
/// either case) followed by a number or 元 and optionally 年度 or 年 (年 only after an era,
/// as documents write it); full-width characters; surrounding whitespace.
/// </remarks>
public static class FiscalYearText
{
    /// <summary>The years a municipal plan can plausibly mean: Shōwa's first to well past any plan horizon.</summary>
    public const int MinYear = 1926, MaxYear = 2100;

    private const string Accepted =
        "Accepted forms: 2020, FY2020, 2020年度, 令和2年度, 令和元年度, 平成32年度, 昭和64年度, R2, H32, S64 (full-width characters too)";

    // Offset is the Gregorian year of the era's year 0, so year n is Offset + n.
    // LastYear bounds eras that are over *and* that documents stop counting at; Heisei
    // has none because plans written before May 2019 go on counting it (平成32年度 = FY2020).
    private sealed record Era(string Kanji, char Letter, int Offset, int? LastYear);

    private static readonly Era Showa = new("昭和", 'S', 1925, LastYear: 64);
    private static readonly Era Heisei = new("平成", 'H', 1988, LastYear: null);
    private static readonly Era Reiwa = new("令和", 'R', 2018, LastYear: null);

    private static readonly Dictionary<string, Era> EraByPrefix = new(StringComparer.OrdinalIgnoreCase)
    {
        ["昭和"] = Showa, ["S"] = Showa, ["㍼"] = Showa,
        ["平成"] = Heisei, ["H"] = Heisei, ["㍻"] = Heisei,
        ["令和"] = Reiwa, ["R"] = Reiwa, ["㋿"] = Reiwa,
    };

    /// <summary>Parses <paramref name="text"/>, or throws a <see cref="FormatException"/> saying why and what is accepted.</summary>
    public static int Parse(string text) =>
        TryParse(text, out var year, out var error)
            ? year
            : throw new FormatException($"{Echo.Of(text)} is not a fiscal year: {error.English}. {Accepted}.");

    /// <summary>
    /// Parses <paramref name="text"/> into the Gregorian year the fiscal year starts in;
    /// on failure <paramref name="error"/> says what is wrong, for a person to read, in Japanese and English.
    /// </summary>
    public static bool TryParse(string? text, out int fiscalYear, [NotNullWhen(false)] out Text? error)
    {
        fiscalYear = 0;
        error = Read(text, ref fiscalYear);
        return error is null;
    }

    /// <summary>
    /// <c>FY2020 (令和2年度)</c>: both forms, because people check the Gregorian year against
    /// the era year their documents use.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside <see cref="MinYear"/>–<see cref="MaxYear"/>, which parsing never
    /// produces.</exception>
    public static string Display(int fiscalYear)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fiscalYear, MinYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fiscalYear, MaxYear);

        // A fiscal year is named by the era in force once it is under way: Heisei began in
        // January 1989, before FY1989 started; Reiwa began on 1 May 2019, one month into
        // FY2019, and that year is called 令和元年度 (DOMAIN.md). FY1926 is 昭和元年度 so
        // that display and parsing (S1 = 1926) agree.
        var era = fiscalYear >= 2019 ? Reiwa : fiscalYear >= 1989 ? Heisei : Showa;
        var eraYear = fiscalYear - era.Offset;
        return $"FY{fiscalYear} ({era.Kanji}{(eraYear == 1 ? "元" : eraYear.ToString())}年度)";
    }

    // Returns null on success, else the reason. A cursor walk rather than a regex so each
    // failure can name its own cause.
    private static Text? Read(string? text, ref int fiscalYear)
    {
        var s = FullWidth.Fold(text ?? "").Trim();
        if (s.Length == 0) return ReadingMessages.Empty;

        var i = 0;
        if (IsNegativeSign(s[0])) return ReadingMessages.NegativeYear;

        // Everything before the number is the era or the FY prefix.
        while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '元' && !IsNegativeSign(s[i]) && !char.IsWhiteSpace(s[i])) i++;
        var prefix = s[..i];
        var isFy = prefix.Equals("FY", StringComparison.OrdinalIgnoreCase);
        Era? era = null;
        if (prefix.Length > 0 && !isFy && !EraByPrefix.TryGetValue(prefix, out era))
        {
            return s.Any(char.IsAsciiDigit)
                ? ReadingMessages.UnknownEra(prefix)
                : ReadingMessages.NoYearInDigits(s);
        }

        i = SkipSpaces(s, i);
        if (i < s.Length && IsNegativeSign(s[i])) return ReadingMessages.NegativeYear;

        int number;
        if (i < s.Length && s[i] == '元')
        {
            // 元 ("first") only exists as an era year: 令和元年度, never 元年度 alone.
            if (era is null) return ReadingMessages.GannenNeedsEra;
            number = 1;
            i++;
        }
        else
        {
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == start) return ReadingMessages.YearInDigits(s[start..]);
            // More than 9 digits cannot fit an int and is implausible anyway.
            if (i - start > 9) return ReadingMessages.FarOutsidePlausibleYears(s[start..i]);
            number = int.Parse(s.AsSpan(start, i - start));
        }

        i = SkipSpaces(s, i);
        var suffix = s[i..];
        if (suffix is not ("" or "年度") && !(suffix == "年" && era is not null))
        {
            // Documents write 平成32年 for the fiscal year, but a Gregorian 2020年 is a calendar
            // year, which straddles two fiscal years; make the writer say which.
            return suffix == "年"
                ? ReadingMessages.CalendarYear(s, number)
                : ReadingMessages.UnexpectedAfterYear(suffix);
        }

        if (era is null)
        {
            if (number is < MinYear or > MaxYear) return ReadingMessages.OutsidePlausibleYears(number);
            fiscalYear = number;
            return null;
        }

        if (number == 0) return ReadingMessages.NoYearZero(era.Kanji);
        if (number > era.LastYear)
            return ReadingMessages.EraEnded(era.Kanji, era.LastYear.Value, era.Offset + era.LastYear.Value, number);
        if (number > MaxYear - era.Offset)
            return ReadingMessages.EraYearOutsidePlausibleYears(era.Kanji, number, era.Offset + number);
        fiscalYear = era.Offset + number;
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
