using Kyodo.Japanese;

namespace Kyodo.ServiceDefaults.Tests;

// Expected amounts are worked out by hand: 千円 × 1,000, 万円 × 10,000, 円 and no unit × 1.
public sealed class YenTextTests
{
    [Theory]
    [InlineData("33,916千円", 33_916_000L)]
    [InlineData("31,834 千円", 31_834_000L)]
    [InlineData("4,576万円", 45_760_000L)]
    [InlineData("4,576 万円", 45_760_000L)]
    [InlineData("20万円", 200_000L)]
    [InlineData("¥850,000", 850_000L)]
    [InlineData("￥850,000", 850_000L)]
    [InlineData("¥ 850,000", 850_000L)]
    [InlineData("850,000円", 850_000L)]
    [InlineData("850000", 850_000L)]
    [InlineData("1,000,000", 1_000_000L)]
    [InlineData("0千円", 0L)]
    [InlineData("0", 0L)]
    [InlineData("３３，９１６千円", 33_916_000L)]
    [InlineData("８５００００", 850_000L)]
    [InlineData("  850,000円\u3000", 850_000L)]
    [InlineData("\u300033,916千円", 33_916_000L)]
    // Decimals that come out to whole yen.
    [InlineData("1.5千円", 1_500L)]
    [InlineData("１．５千円", 1_500L)]
    [InlineData("1.5万円", 15_000L)]
    [InlineData("1.2345万円", 12_345L)]
    [InlineData("0.001千円", 1L)]
    [InlineData("0.0001万円", 1L)]
    [InlineData("1,234.5千円", 1_234_500L)]
    [InlineData("100.0円", 100L)]
    [InlineData("2.50000千円", 2_500L)]
    // The largest amount a long holds, written plainly and via 万円.
    [InlineData("9,223,372,036,854,775,807", long.MaxValue)]
    [InlineData("9223372036854775807円", long.MaxValue)]
    [InlineData("922,337,203,685,477万円", 9_223_372_036_854_770_000L)]
    public void AcceptedFormsGiveWholeYen(string text, long expected)
    {
        Assert.True(YenText.TryParse(text, out var yen, out var error), error?.English);
        Assert.Equal(expected, yen);
        Assert.Null(error);
        Assert.Equal(expected, YenText.Parse(text));
    }

    [Theory]
    [InlineData("-100", "negative")]
    [InlineData("▲100", "negative")]
    [InlineData("△100", "negative")]
    [InlineData("−100", "negative")]
    [InlineData("－１００", "negative")]
    [InlineData("¥-100", "negative")]
    [InlineData("-¥100", "negative")]
    [InlineData("▲33,916千円", "negative")]
    [InlineData("100.5円", "fraction")]
    [InlineData("0.0005千円", "fraction")]
    [InlineData("1.5", "fraction")]
    [InlineData("1.23456万円", "fraction")]
    [InlineData("0.00001万円", "fraction")]
    [InlineData("1.0000000000000000000000000001千円", "fraction")]
    [InlineData("9,223,372,036,854,775,808", "too large")]
    [InlineData("9,223,372,036,854,776千円", "too large")]
    [InlineData("922,337,203,685,478万円", "too large")]
    [InlineData("100000000000000000000000000000", "too large")]
    [InlineData("100ドル", "unit")]
    [InlineData("100百円", "unit")]
    [InlineData("100USD", "unit")]
    [InlineData("850,000¥", "unit")]
    [InlineData("1,00", "comma")]
    [InlineData(",100", "comma")]
    [InlineData("100,", "comma")]
    [InlineData("1,,000", "comma")]
    [InlineData("1000,000", "comma")]
    [InlineData("1,0000", "comma")]
    [InlineData("", "empty")]
    [InlineData("  ", "empty")]
    [InlineData("\u3000", "empty")]
    [InlineData("100 200", "more than one number")]
    [InlineData("100円200円", "more than one number")]
    [InlineData("100円 / 200円", "more than one number")]
    [InlineData("abc", "no number")]
    [InlineData("千円", "no number")]
    [InlineData("¥", "no number")]
    [InlineData(".5千円", "no number")]
    [InlineData("1.千円", "decimal point")]
    public void RejectedFormsSayWhatIsWrong(string text, string expectedInError)
    {
        Assert.False(YenText.TryParse(text, out var yen, out var error));
        Assert.Equal(0L, yen);
        Assert.Contains(expectedInError, error.English);
        Assert.NotEqual(error.English, error.Japanese); // a caller asking in Japanese reads why in Japanese
    }

    [Fact]
    public void NullIsEmpty()
    {
        Assert.False(YenText.TryParse(null, out _, out var error));
        Assert.Contains("empty", error.English);
    }

    [Fact]
    public void ParseThrowsFormatExceptionNamingTheInputAndTheAcceptedForms()
    {
        var ex = Assert.Throws<FormatException>(() => YenText.Parse("▲100"));
        Assert.Contains("'▲100'", ex.Message);
        Assert.Contains("negative", ex.Message);
        Assert.Contains("Accepted forms", ex.Message);
        Assert.Contains("千円", ex.Message);
    }
}
