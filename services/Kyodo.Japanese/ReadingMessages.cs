using Kyodo.Security;

namespace Kyodo.Japanese;

/// <summary>
/// The catalogue of why <see cref="FiscalYearText"/> and <see cref="YenText"/> cannot read a value,
/// in Japanese and English. Here beside the readers, not in SharedMessages, because the CLI and the
/// web app reference this project without the services' defaults.
/// What a caller wrote is repeated only through <see cref="Echo"/>.
/// </summary>
public static class ReadingMessages
{
    public static readonly Text Empty = new("空です", "it is empty");

    // ---- fiscal years (FiscalYearText) ----
    public static readonly Text NegativeYear = new("負の年は指定できません", "negative years are not allowed");

    public static Text UnknownEra(string prefix) => new(
        $"{Echo.InJapanese(prefix)} は知らない元号です。使える元号は 昭和（S）・平成（H）・令和（R）です",
        $"unknown era {Echo.Of(prefix)}; the eras accepted are 昭和 (S), 平成 (H) and 令和 (R)");

    public static Text NoYearInDigits(string text) => new(
        $"数字で書いた年がありません（{Echo.InJapanese(text)}）", $"there is no year number in digits (found {Echo.Of(text)})");

    public static readonly Text GannenNeedsEra = new(
        "元（元年）の前には元号が必要です。例: 令和元年度", "元 (first year) needs an era before it, as in 令和元年度");

    public static Text YearInDigits(string rest) => new(
        $"年は数字で書いてください（{Echo.InJapanese(rest)}）", $"the year must be written in digits (found {Echo.Of(rest)})");

    public static Text FarOutsidePlausibleYears(string digits) => new(
        $"{digits} は妥当な年（{FiscalYearText.MinYear}–{FiscalYearText.MaxYear}）から大きく外れています",
        $"{digits} is far outside the plausible years {FiscalYearText.MinYear}–{FiscalYearText.MaxYear}");

    public static Text CalendarYear(string text, int number) => new(
        $"{Echo.InJapanese(text)} は暦年です。年度なら {number}年度 または FY{number} と書いてください",
        $"{Echo.Of(text)} names a calendar year; write {number}年度 or FY{number} for a fiscal year");

    public static Text UnexpectedAfterYear(string suffix) => new(
        $"年は数字だけで書いてください。数字の後の {Echo.InJapanese(suffix)} は読めません",
        $"the year must be digits only; unexpected {Echo.Of(suffix)} after the number");

    public static Text OutsidePlausibleYears(int number) => new(
        $"{number} は妥当な年（{FiscalYearText.MinYear}–{FiscalYearText.MaxYear}）の範囲外です",
        $"{number} is outside the plausible years {FiscalYearText.MinYear}–{FiscalYearText.MaxYear}");

    public static Text NoYearZero(string era) => new(
        $"元号に 0 年はありません。最初の年は 1（元年）です。例: {era}元年度",
        $"there is no year 0 in an era; its first year is 1 (元年), as in {era}元年度");

    public static Text EraEnded(string era, int lastYear, int lastGregorian, int number) => new(
        $"{era}は {lastYear} 年（{lastGregorian}）で終わりました。{era}{number} はありません",
        $"{era} ended in its {lastYear}th year ({lastGregorian}); {era}{number} does not exist");

    public static Text EraYearOutsidePlausibleYears(string era, int number, int gregorian) => new(
        $"{era}{number} は {gregorian} 年にあたり、妥当な年（{FiscalYearText.MinYear}–{FiscalYearText.MaxYear}）の範囲外です",
        $"{era}{number} would be {gregorian}, outside the plausible years {FiscalYearText.MinYear}–{FiscalYearText.MaxYear}");

    // ---- amounts of yen (YenText) ----
    public static Text NegativeAmount(char sign) => new(
        $"負の金額は指定できません（「{sign}」は負の金額を表します）", $"negative amounts are not allowed ('{sign}' marks a negative amount)");

    public static Text NoNumberInDigits(string text) => new(
        $"数字で書いた金額がありません（{Echo.InJapanese(text)}）", $"there is no number in digits (found {Echo.Of(text)})");

    public static Text MisplacedComma(string number) => new(
        $"{Echo.InJapanese(number)} のカンマの位置が誤っています。カンマは 3 桁ごとに区切ってください",
        $"misplaced comma in {Echo.Of(number)}; commas must separate groups of three digits");

    public static readonly Text DecimalPointWithoutDigits = new("小数点の後には数字が必要です", "a decimal point must be followed by digits");

    public static readonly Text MoreThanOneNumber = new(
        "数値が複数あります。金額を一つだけ書いてください", "it contains more than one number; write a single amount");

    public static Text UnknownUnit(string unit) => new(
        $"{Echo.InJapanese(unit)} は知らない単位です。使える単位は 円・千円・万円、または単位なし（円）です",
        $"unknown unit {Echo.Of(unit)}; the units accepted are 円, 千円 and 万円, or none for yen");

    public static readonly Text TooLargeToStore = new("金額が大きすぎて保存できません", "the amount is too large to store");

    public static readonly Text FractionOfAYen = new(
        "1 円未満の端数になります。金額は円単位の整数にしてください", "it comes to a fraction of a yen; amounts must be whole yen");
}
