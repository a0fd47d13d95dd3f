using Kyodo.ServiceDefaults.Input;

namespace Kyodo.ServiceDefaults.Tests;

// What a text field may hold: within its length; no NUL, no C0/C1 control, no lone surrogate;
// tab and line breaks only in a field of several lines.
public sealed class TextHygieneTests
{
    private static readonly TextRule Line = TextRule.Line(20);
    private static readonly TextRule Lines = TextRule.Lines(20);

    [Theory]
    [InlineData("地域交流センター")]
    [InlineData("😀 絵文字と𠮷")]
    [InlineData("")]
    public void OrdinaryTextIncludingCharactersBeyondTheBmpIsAccepted(string text) => Assert.Null(TextHygiene.Problem(text, Line));

    [Fact]
    public void TextAboveTheLimitIsRefusedNamingTheLimitAndItsLength() =>
        Assert.Equal("must be at most 20 characters (it has 21)", TextHygiene.Problem(new string('あ', 21), Line)?.English);

    [Theory]
    [InlineData("a\0b", "must not contain a NUL character (U+0000) (character 2)")]
    [InlineData("\u0001abc", "must not contain the control character U+0001 (character 1)")]
    [InlineData("ab\u007F", "must not contain the control character U+007F (character 3)")]
    [InlineData("ab\u0085", "must not contain the control character U+0085 (character 3)")]
    [InlineData("ab\u009B[31m", "must not contain the control character U+009B (character 3)")]
    public void NulControlCharactersAndLoneSurrogatesAreRefusedEverywhere(string text, string problem)
    {
        Assert.Equal(problem, TextHygiene.Problem(text, Line)?.English);
        Assert.Equal(problem, TextHygiene.Problem(text, Lines)?.English);
        Assert.Contains("文字目", TextHygiene.Problem(text, Line)!.Japanese);
    }

    [Fact]
    public void LoneSurrogatesAreRefusedEverywhere()
    {
        // Built here: xunit's test-case serialisation would turn a lone surrogate in [InlineData] into U+FFFD.
        var high = "x" + (char)0xD800 + "y";
        var low = "x" + (char)0xDC00;

        foreach (var rule in new[] { Line, Lines })
        {
            Assert.Equal("must be valid Unicode: a lone surrogate U+D800 (character 2)", TextHygiene.Problem(high, rule)?.English);
            Assert.Equal("must be valid Unicode: a lone surrogate U+DC00 (character 2)", TextHygiene.Problem(low, rule)?.English);
        }
    }

    [Theory]
    [InlineData("一行目\n二行目")]
    [InlineData("一行目\r\n二行目")]
    [InlineData("項目\t内容")]
    public void TabsAndLineBreaksAreAcceptedOnlyWhereAFieldHasSeveralLines(string text)
    {
        Assert.Null(TextHygiene.Problem(text, Lines));
        Assert.StartsWith("must be one line: no tab or line break", TextHygiene.Problem(text, Line)?.English);
    }
}
