using Kyodo.Budget.Domain;

namespace Kyodo.Domain.Tests.Budget;

// A budget line moves 当初 → 補正 n → 決算, never back; subsidies reserve against it and the sum of what
// they hold never exceeds its cost (予算の範囲内) (DOMAIN.md, Budget).
public sealed class BudgetLineTests
{
    [Fact]
    public void ASubsidyMayReserveTheWholeCostOfALine()
    {
        var line = Komoro.Line(Komoro.General(850_000));
        line.Reserve(400_000);
        line.Reserve(450_000);
        Assert.Equal(0, line.AvailableYen);
    }

    [Fact]
    public void AReservationBeyondWhatIsLeftIsRefusedNamingWhatIsLeft()
    {
        var line = Komoro.Line(Komoro.General(850_000));
        line.Reserve(800_000);
        var refusal = Refusals.Rule(() => line.Reserve(50_001));
        Assert.Equal("BUDGET_EXHAUSTED", refusal.Reason);
        Assert.Equal("50000", refusal.Metadata["available_yen"]);
        Assert.Equal(800_000, line.ReservedYen);
    }

    [Fact]
    public void MoneyCommittedAtSettlementStillCountsAgainstTheLine()
    {
        var line = Komoro.Line(Komoro.General(368_000));
        line.Reserve(266_000);
        line.Commit(reservedYen: 266_000, committedYen: 200_000);
        Assert.Equal(168_000, line.AvailableYen);
        Assert.Equal("BUDGET_EXHAUSTED", Refusals.Rule(() => line.Reserve(168_001)).Reason);
    }

    [Fact]
    public void ASupplementaryBudgetMayFollowTheInitialOne()
    {
        var line = Komoro.Line(Komoro.CitizenActivity2019);
        line.Revise(new StagePoint(BudgetStage.Supplementary, 1), Komoro.General(8_000_000), null, "budget-clerk", Komoro.Now);
        Assert.Equal(BudgetStage.Supplementary, line.Stage);
        Assert.Equal(8_000_000, line.Funding.CostYen);
        Assert.Equal(2, line.Revisions.Count);
    }

    [Fact]
    public void AStageCannotMoveBackFromTheSecondSupplementaryToTheFirst()
    {
        var line = Komoro.Line(Komoro.CitizenActivity2019);
        line.Revise(new StagePoint(BudgetStage.Supplementary, 2), Komoro.CitizenActivity2019, null, "budget-clerk", Komoro.Now);
        var refusal = Refusals.Rule(() =>
            line.Revise(new StagePoint(BudgetStage.Supplementary, 1), Komoro.CitizenActivity2019, null, "budget-clerk", Komoro.Now));
        Assert.Equal("STAGE_BACKWARDS", refusal.Reason);
        Assert.Equal("補正2", refusal.Metadata["current_stage"]);
    }

    [Fact]
    public void ASettledLineIsFinal()
    {
        var line = Komoro.Line(Komoro.CitizenActivity2019);
        line.Revise(new StagePoint(BudgetStage.Settled, 0), Komoro.General(7_000_000), null, "budget-clerk", Komoro.Now);
        Assert.Equal("LINE_SETTLED", Refusals.Rule(() =>
            line.Revise(new StagePoint(BudgetStage.Settled, 0), Komoro.General(7_100_000), null, "budget-clerk", Komoro.Now)).Reason);
    }

    [Fact]
    public void ARevisionCannotCutTheCostBelowWhatSubsidiesHold()
    {
        var line = Komoro.Line(Komoro.General(1_100_000));
        line.Reserve(800_000);
        var refusal = Refusals.Rule(() =>
            line.Revise(new StagePoint(BudgetStage.Supplementary, 1), Komoro.General(799_999), null, "budget-clerk", Komoro.Now));
        Assert.Equal("BELOW_RESERVED", refusal.Reason);
        Assert.Equal("800000", refusal.Metadata["held_yen"]);
        Assert.Equal(1_100_000, line.Funding.CostYen);
    }

    [Fact]
    public void DrawingOnTheReserveFundAddsToTheLineAndLeavesItsStage()
    {
        var line = Komoro.Line(Komoro.CitizenActivity2019);
        line.Adjust(BudgetStage.ReserveFund, Komoro.General(500_000), "台風被害", null, "budget-clerk", Komoro.Now);
        Assert.Equal(7_820_000, line.Funding.CostYen);
        Assert.Equal(BudgetStage.Initial, line.Stage);
        Assert.Equal(Komoro.General(500_000), line.Adjustments);
    }

    [Fact]
    public void AnAdjustmentThatTakesMoreOfASourceThanTheLineHoldsIsRefused()
    {
        var line = Komoro.Line(Komoro.CitizenActivity2019);
        var refusal = Refusals.Rule(() =>
            line.Adjust(BudgetStage.Carryover, new Funding(-400_000, 0, 0, -400_000, 0), "繰越", Guid.NewGuid(), "budget-clerk", Komoro.Now));
        Assert.Equal("ADJUSTMENT_EXCEEDS_SOURCE", refusal.Reason);
        Assert.Equal("その他", refusal.Metadata["sources"]);
        Assert.Equal(Komoro.CitizenActivity2019, line.Funding);
    }
}
