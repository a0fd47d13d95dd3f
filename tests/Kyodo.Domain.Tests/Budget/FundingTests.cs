using Kyodo.Budget.Domain;

namespace Kyodo.Domain.Tests.Budget;

// 事業費 = 国・県支出金 + 地方債 + その他 + 一般財源, always (DOMAIN.md, Budget).
public sealed class FundingTests
{
    [Fact]
    public void KomorosCitizenActivityLineOf2019SumsItsSourcesToItsCost()
    {
        var funding = Komoro.CitizenActivity2019;
        Assert.Equal(7_320_000, funding.CostYen);
        Assert.Equal(347_000, funding.OtherYen);
        Assert.Equal(6_973_000, funding.GeneralRevenueYen);
    }

    [Theory]
    [InlineData(7_320_001)]
    [InlineData(7_319_999)]
    [InlineData(0)]
    public void ACostThatIsNotTheSumOfTheSourcesIsRefused(long cost) =>
        Assert.Throws<ArgumentException>(() => new Funding(cost, 0, 0, 347_000, 6_973_000));

    [Fact]
    public void SourcesThatOverflowWhenAddedHaveNoSum() =>
        Assert.Null(Funding.SumOfSources(long.MaxValue, 1, 0, 0));

    [Fact]
    public void AddingAndTakingAwayFundingKeepsCostEqualToTheSources()
    {
        var moved = new Funding(500_000, 200_000, 0, 0, 300_000);
        var after = Komoro.CitizenActivity2019.Minus(moved);
        Assert.Equal(6_820_000, after.CostYen);
        Assert.Equal(after.CostYen, after.NationalPrefecturalYen + after.LocalBondYen + after.OtherYen + after.GeneralRevenueYen);
    }

    [Fact]
    public void TakingMoreOfASourceThanItHoldsNamesThatSourceInJapanese()
    {
        var after = Komoro.CitizenActivity2019.Minus(new Funding(400_000, 0, 0, 400_000, 0));
        Assert.Equal(["その他"], after.NegativeSources());
    }
}
