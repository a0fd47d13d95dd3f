namespace Kyodo.Budget.Domain;

/// <summary>当初 (initial) → 補正 n (supplementary, several) → 決算 (settled).</summary>
public enum BudgetStage
{
    Initial = 1,
    Supplementary = 2,
    Settled = 3,
}

/// <summary>A stage with its 補正 number, ordered as a line moves through them.</summary>
public readonly record struct StagePoint(BudgetStage Stage, int SupplementaryNumber) : IComparable<StagePoint>
{
    public int CompareTo(StagePoint other) =>
        Stage != other.Stage ? Stage.CompareTo(other.Stage) : SupplementaryNumber.CompareTo(other.SupplementaryNumber);

    public override string ToString() => Stage switch
    {
        BudgetStage.Initial => "当初",
        BudgetStage.Supplementary => $"補正{SupplementaryNumber}",
        _ => "決算",
    };
}
