using Kyodo.Plan.Domain;

namespace Kyodo.Domain.Tests.Plan;

// A plan's period may shrink only over years its items leave empty; years outside the old period
// (targets printed years ahead, like 小平市's 480 g/人日 by H34) are not the change's doing.
// 小諸市 実施計画 FY2019–FY2021 (DOMAIN.md, Plan).
public sealed class PlanPeriodChangeTests
{
    private static readonly DateTimeOffset Now = new(2019, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private static Kyodo.Plan.Domain.Plan Komoro() => new(Guid.NewGuid(), "20208", "小諸市 実施計画", 2019, 2021, Now);

    private static Item ItemOf(Kyodo.Plan.Domain.Plan plan, string title = "市民活動支援事業")
    {
        var item = new Item(Guid.NewGuid(), plan.Id, plan.MunicipalityCode, Now);
        item.Describe(
            new ItemContent(title, ItemNovelty.Continuing, [], [], "", "", "", "", "", "", null, MayoralPledge.None, [], [], ""), []);
        return item;
    }

    private static Item Scheduled(Kyodo.Plan.Domain.Plan plan, params int[] years)
    {
        var item = ItemOf(plan);
        item.Reschedule([("実施内容", years.Select(y => (y, (IReadOnlyList<string>)["実施"])).ToList())]);
        return item;
    }

    private static Indicator IndicatorOf(Item item) =>
        item.AddIndicator(Guid.NewGuid(), IndicatorKind.Activity, "協働事業提案数", "件", IndicatorDirection.HigherIsBetter, null, null);

    [Theory]
    [InlineData(2019, 2021)]
    [InlineData(2018, 2021)]
    [InlineData(2019, 2023)]
    public void APeriodThatKeepsEveryYearOfThePlanDropsNoYear(int start, int end) =>
        Assert.False(PlanPeriodChange.DropsYears(Komoro(), start, end));

    [Theory]
    [InlineData(2020, 2021)]
    [InlineData(2019, 2020)]
    public void APeriodThatLeavesOutAYearOfThePlanDropsIt(int start, int end) =>
        Assert.True(PlanPeriodChange.DropsYears(Komoro(), start, end));

    [Fact]
    public void ExtendingThePeriodIsAllowedWhateverTheItemsHold()
    {
        var plan = Komoro();
        PlanPeriodChange.EnsureNothingStranded(plan, 2019, 2023, [Scheduled(plan, 2019, 2020, 2021)]);
    }

    [Fact]
    public void ShrinkingOverAYearTheItemsLeaveEmptyIsAllowed()
    {
        var plan = Komoro();
        PlanPeriodChange.EnsureNothingStranded(plan, 2019, 2020, [Scheduled(plan, 2019, 2020)]);
    }

    [Fact]
    public void ShrinkingOverAScheduledYearIsRefusedNamingTheYear()
    {
        var plan = Komoro();
        var refusal = Refusals.Rule(() => PlanPeriodChange.EnsureNothingStranded(plan, 2019, 2020, [Scheduled(plan, 2019, 2020, 2021)]));
        Assert.Equal("PLAN_PERIOD_WOULD_STRAND_DATA", refusal.Reason);
        Assert.Equal("2021", refusal.Metadata["fiscal_years"]);
        Assert.Equal("1", refusal.Metadata["stranded_count"]);
        Assert.Contains("市民活動支援事業", refusal.Text.Japanese);
    }

    [Fact]
    public void MovingTheStartLaterOverAScheduledFirstYearIsRefused()
    {
        var plan = Komoro();
        var refusal = Refusals.Rule(() => PlanPeriodChange.EnsureNothingStranded(plan, 2020, 2021, [Scheduled(plan, 2019, 2020)]));
        Assert.Equal("2019", refusal.Metadata["fiscal_years"]);
    }

    [Fact]
    public void AYearlyGoalInADroppedYearIsStranded()
    {
        var plan = Komoro();
        var item = new Item(Guid.NewGuid(), plan.Id, plan.MunicipalityCode, Now);
        item.Describe(new ItemContent("協働のまちづくり", ItemNovelty.New, [], [], "", "", "", "", "", "", null, MayoralPledge.None, [],
            [new YearlyGoal(2021, "年度末までに2団体以上")], ""), []);
        var refusal = Refusals.Rule(() => PlanPeriodChange.EnsureNothingStranded(plan, 2019, 2020, [item]));
        Assert.Equal("2021", refusal.Metadata["fiscal_years"]);
    }

    [Fact]
    public void ATargetAndAnActualInDroppedYearsAreEachStranded()
    {
        var plan = Komoro();
        var item = ItemOf(plan);
        var indicator = IndicatorOf(item);
        indicator.SetInitialTarget(2021, 12);
        indicator.RecordActual(2019, 9, "", "clerk", Now);
        var refusal = Refusals.Rule(() => PlanPeriodChange.EnsureNothingStranded(plan, 2020, 2020, [item]));
        Assert.Equal("2019,2021", refusal.Metadata["fiscal_years"]);
        Assert.Equal("2", refusal.Metadata["stranded_count"]);
    }

    [Fact]
    public void ATargetPrintedYearsAheadOfThePlanDoesNotBlockAShrink()
    {
        var plan = Komoro();
        var item = ItemOf(plan);
        IndicatorOf(item).SetInitialTarget(2022, 480); // H34, beyond FY2021 already
        PlanPeriodChange.EnsureNothingStranded(plan, 2019, 2020, [item]);
    }

    [Fact]
    public void EveryItemWithDataInADroppedYearIsCounted()
    {
        var plan = Komoro();
        var refusal = Refusals.Rule(() => PlanPeriodChange.EnsureNothingStranded(plan, 2019, 2019,
            [Scheduled(plan, 2020), Scheduled(plan, 2020, 2021), Scheduled(plan, 2019)]));
        Assert.Equal("2020,2021", refusal.Metadata["fiscal_years"]);
        Assert.Equal("3", refusal.Metadata["stranded_count"]);
    }
}
