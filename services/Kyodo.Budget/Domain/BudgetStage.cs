namespace Kyodo.Budget.Domain;

/// <summary>
/// 当初 (initial) → 補正 n (supplementary, several) → 決算 (settled) move a line through the budget
/// cycle. 繰越, 流用 and 予備費充用 are adjustments between them: kept in the line's history, they
/// leave its stage where it was (see <see cref="BudgetStages.IsAdjustment"/>).
/// </summary>
public enum BudgetStage
{
    Initial = 1,
    Supplementary = 2,
    Settled = 3,
    /// <summary>繰越: carried over from a line into the same item's line of the next fiscal year.</summary>
    Carryover = 4,
    /// <summary>流用: moved between two lines of one fiscal year, 会計 and 款.</summary>
    Transfer = 5,
    /// <summary>予備費充用: drawn from the reserve fund.</summary>
    ReserveFund = 6,
}

public static class BudgetStages
{
    public static bool IsAdjustment(this BudgetStage stage) =>
        stage is BudgetStage.Carryover or BudgetStage.Transfer or BudgetStage.ReserveFund;

    public static string Japanese(this BudgetStage stage) => stage switch
    {
        BudgetStage.Initial => "当初",
        BudgetStage.Supplementary => "補正",
        BudgetStage.Settled => "決算",
        BudgetStage.Carryover => "繰越",
        BudgetStage.Transfer => "流用",
        _ => "予備費充用",
    };
}

/// <summary>A stage with its 補正 number, ordered as a line moves through them.</summary>
public readonly record struct StagePoint(BudgetStage Stage, int SupplementaryNumber) : IComparable<StagePoint>
{
    public int CompareTo(StagePoint other) =>
        Stage != other.Stage ? Stage.CompareTo(other.Stage) : SupplementaryNumber.CompareTo(other.SupplementaryNumber);

    public override string ToString() => Stage == BudgetStage.Supplementary ? $"補正{SupplementaryNumber}" : Stage.Japanese();
}
