using Kyodo.Japanese;

namespace Kyodo.ServiceDefaults.Tests;

// Expected years are worked out by hand from DOMAIN.md: S n → 1925+n, H n → 1988+n,
// R n → 2018+n, 元 = 1, Heisei counted past its end.
public sealed class FiscalYearTextTests
{
    [Theory]
    // The era table of the issue.
    [InlineData("H31", 2019)]
    [InlineData("R1", 2019)]
    [InlineData("令和元年度", 2019)]
    [InlineData("H32", 2020)]
    [InlineData("H33", 2021)]
    [InlineData("H34", 2022)]
    [InlineData("S64", 1989)]
    [InlineData("H1", 1989)]
    // Gregorian forms.
    [InlineData("2020", 2020)]
    [InlineData("FY2020", 2020)]
    [InlineData("fy2020", 2020)]
    [InlineData("FY 2020", 2020)]
    [InlineData("2020年度", 2020)]
    [InlineData("1926", 1926)]
    [InlineData("2100", 2100)]
    // Kanji eras, with and without 年度 / 年.
    [InlineData("平成32年度", 2020)]
    [InlineData("平成32年", 2020)]
    [InlineData("平成32", 2020)]
    [InlineData("平成31年度", 2019)]
    [InlineData("平成34年度", 2022)]
    [InlineData("令和2年度", 2020)]
    [InlineData("昭和64年度", 1989)]
    [InlineData("昭和63年度", 1988)]
    [InlineData("昭和元年度", 1926)]
    [InlineData("平成元年度", 1989)]
    [InlineData("平成30年度", 2018)]
    [InlineData("令和 2 年度", 2020)]
    [InlineData("㍻32年度", 2020)]
    [InlineData("㋿元年度", 2019)]
    // Abbreviations, either case, optional 年度, 元.
    [InlineData("h32", 2020)]
    [InlineData("r1", 2019)]
    [InlineData("R2", 2020)]
    [InlineData("s64", 1989)]
    [InlineData("H32年度", 2020)]
    [InlineData("R2年度", 2020)]
    [InlineData("R元年度", 2019)]
    [InlineData("S1", 1926)]
    [InlineData("R82", 2100)]
    [InlineData("H112", 2100)]
    // Full width.
    [InlineData("Ｈ３２", 2020)]
    [InlineData("２０２０", 2020)]
    [InlineData("令和２年度", 2020)]
    [InlineData("ＦＹ２０２０", 2020)]
    [InlineData("２０２０年度", 2020)]
    [InlineData("ｒ１", 2019)]
    // Surrounding whitespace, including the ideographic space.
    [InlineData("  2020  ", 2020)]
    [InlineData("\u30002020\u3000", 2020)]
    [InlineData("\t令和2年度\n", 2020)]
    [InlineData("\u3000Ｈ３２年度 ", 2020)]
    public void AcceptedFormsGiveTheYearTheFiscalYearStartsIn(string text, int expected)
    {
        Assert.True(FiscalYearText.TryParse(text, out var year, out var error), error?.English);
        Assert.Equal(expected, year);
        Assert.Null(error);
        Assert.Equal(expected, FiscalYearText.Parse(text));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("\u3000", "empty")]
    [InlineData("T5", "unknown era")]
    [InlineData("M45", "unknown era")]
    [InlineData("X3", "unknown era")]
    [InlineData("大正15年度", "unknown era")]
    [InlineData("H0", "no year 0")]
    [InlineData("R0", "no year 0")]
    [InlineData("令和0年度", "no year 0")]
    [InlineData("Ｓ０", "no year 0")]
    [InlineData("0", "outside the plausible years")]
    [InlineData("-2020", "negative")]
    [InlineData("−2020", "negative")]
    [InlineData("▲2020", "negative")]
    [InlineData("H-1", "negative")]
    [InlineData("令和-2年度", "negative")]
    [InlineData("20x0", "digits")]
    [InlineData("2020.5", "digits")]
    [InlineData("2020 2021", "digits")]
    [InlineData("abc", "digits")]
    [InlineData("令和二年度", "digits")]
    [InlineData("H", "digits")]
    [InlineData("FY", "digits")]
    [InlineData("32", "outside the plausible years")]
    [InlineData("1925", "outside the plausible years")]
    [InlineData("2101", "outside the plausible years")]
    [InlineData("99999999999", "outside the plausible years")]
    [InlineData("R83", "outside the plausible years")]
    [InlineData("H113", "outside the plausible years")]
    [InlineData("S65", "昭和 ended")]
    [InlineData("昭和65年度", "昭和 ended")]
    [InlineData("S100", "昭和 ended")]
    [InlineData("2020年", "calendar year")]
    [InlineData("元年度", "needs an era")]
    public void RejectedFormsSayWhatIsWrong(string text, string expectedInError)
    {
        Assert.False(FiscalYearText.TryParse(text, out var year, out var error));
        Assert.Equal(0, year);
        Assert.Contains(expectedInError, error.English);
        Assert.NotEqual(error.English, error.Japanese); // a caller asking in Japanese reads why in Japanese
    }

    [Fact]
    public void NullIsEmpty()
    {
        Assert.False(FiscalYearText.TryParse(null, out _, out var error));
        Assert.Contains("empty", error.English);
    }

    [Fact]
    public void ParseThrowsFormatExceptionNamingTheInputAndTheAcceptedForms()
    {
        var ex = Assert.Throws<FormatException>(() => FiscalYearText.Parse("S65"));
        Assert.Contains("'S65'", ex.Message);
        Assert.Contains("昭和 ended", ex.Message);
        Assert.Contains("Accepted forms", ex.Message);
        Assert.Contains("令和2年度", ex.Message);
    }

    [Theory]
    [InlineData(2020, "FY2020 (令和2年度)")]
    [InlineData(2019, "FY2019 (令和元年度)")]
    [InlineData(2018, "FY2018 (平成30年度)")]
    [InlineData(1989, "FY1989 (平成元年度)")]
    [InlineData(1988, "FY1988 (昭和63年度)")]
    [InlineData(2022, "FY2022 (令和4年度)")]
    [InlineData(1926, "FY1926 (昭和元年度)")]
    [InlineData(2100, "FY2100 (令和82年度)")]
    public void DisplayShowsTheGregorianAndTheEraYear(int fiscalYear, string expected) =>
        Assert.Equal(expected, FiscalYearText.Display(fiscalYear));

    [Theory]
    [InlineData(1925)]
    [InlineData(2101)]
    public void DisplayRefusesYearsParsingNeverProduces(int fiscalYear) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FiscalYearText.Display(fiscalYear));

    [Fact]
    public void TheEraYearDisplayedParsesBackToTheSameFiscalYear()
    {
        for (var year = FiscalYearText.MinYear; year <= FiscalYearText.MaxYear; year++)
        {
            var shown = FiscalYearText.Display(year);
            var eraPart = shown[(shown.IndexOf('(') + 1)..^1];
            Assert.Equal(year, FiscalYearText.Parse(eraPart));
        }
    }
}
