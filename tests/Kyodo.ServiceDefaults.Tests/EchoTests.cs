using Kyodo.Security;

namespace Kyodo.ServiceDefaults.Tests;

// What an error message repeats of a caller's input is short, printable and says how long the input was.
public sealed class EchoTests
{
    [Fact]
    public void AShortValueIsEchoedWholeInQuotes() => Assert.Equal("'20208'", Echo.Of("20208"));

    [Fact]
    public void ALongValueIsCutToItsPrefixWithItsLength()
    {
        var echoed = Echo.Of(new string('9', 40_000));

        Assert.Equal($"'{new string('9', Echo.PrefixLength)}…' (40,000 characters)", echoed);
    }

    [Fact]
    public void ControlCharactersAndLoneSurrogatesAreShownAsCodePointsAndPairsAreKept()
    {
        Assert.Equal("'aU+0000bU+001BcU+D800d😀'", Echo.Of("a\0b\u001bc\ud800d😀"));
    }

    [Fact]
    public void ACutNeverSplitsASurrogatePair()
    {
        var text = new string('a', Echo.PrefixLength - 1) + "😀" + new string('b', 100);

        Assert.StartsWith($"'{new string('a', Echo.PrefixLength - 1)}…'", Echo.Of(text));
    }

    [Fact]
    public void AJapaneseMessageQuotesWithKagikakkoAndStatesTheLengthInJapanese()
    {
        Assert.Equal("「20208」", Echo.InJapanese("20208"));
        Assert.Equal($"「{new string('9', Echo.PrefixLength)}…」（40,000 文字）", Echo.InJapanese(new string('9', 40_000)));
    }
}
