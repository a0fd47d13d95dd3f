using Kyodo.Cli.Seed;

namespace Kyodo.Cli.Tests;

/// <summary>The comparison the round trip and the import's preflight rely on must see real differences and ignore presentation.</summary>
public sealed class CanonicalTests
{
    private static List<string> Compare(string find, string replace)
    {
        using var folder = new TempFolder();
        var (file, _) = SampleDocument.Broken(folder, find, replace, SampleDocument.Municipality);
        var original = RoundTrip.Read(SampleDocument.Path);
        var changed = RoundTrip.Read(file);
        return SeedCanonical.Differences(RoundTrip.Canonical(original[0], original), RoundTrip.Canonical(changed[0], changed));
    }

    [Fact]
    public void AChangedPurposeIsADifference() => Assert.NotEmpty(Compare("市民活動を支援する。", "市民活動を応援する。"));

    [Fact]
    public void AChangedAmountIsADifference() =>
        Assert.NotEmpty(Compare(
            "cost: \"1,200千円\"\n        national_prefectural: \"0千円\"\n        local_bond: \"0千円\"\n        other: \"0千円\"\n        "
            + "general_revenue: \"1,200千円\"",
            "cost: \"1,100千円\"\n        national_prefectural: \"0千円\"\n        local_bond: \"0千円\"\n        other: \"0千円\"\n        "
            + "general_revenue: \"1,100千円\""));

    [Fact]
    public void TheSameAmountInYenOrTheSameYearInAnotherEraIsNoDifference()
    {
        Assert.Empty(Compare("cost: \"1,200千円\"", "cost: \"1,200,000円\""));
        Assert.Empty(Compare("fiscal_year: 令和2年度, course: チャレンジ", "fiscal_year: \"2020\", course: チャレンジ"));
    }

    [Fact]
    public void AChangedResultsNoteOrAnApplicationsCountNoLongerPrintedIsADifference()
    {
        Assert.NotEmpty(Compare("note: 縮小開催", "note: 縮小"));
        Assert.NotEmpty(Compare("note: total of the year", "note: the year's total"));
        Assert.NotEmpty(Compare("applications: 3, awards: 2", "awards: 2"));
    }

    [Fact]
    public void AChangedSplitOfAwardsIsADifference() =>
        Assert.NotEmpty(Compare("course: ステップアップ, awards: 2,", "course: ステップアップ, awards: 2, awards_continuing: 1, awards_new: 1,"));
}
