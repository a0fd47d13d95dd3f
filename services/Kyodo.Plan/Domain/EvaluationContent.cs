namespace Kyodo.Plan.Domain;

/// <summary>
/// What an evaluator writes: the grades of 必要性・有効性・効率性 on the municipality's scale, each
/// with its reason, and 今後の方向性 (拡充・継続・改善・縮小・統合・休止・廃止・完了 or the city's own word)
/// with its reason. Empty grades or direction are allowed in a draft, not in a submission.
/// </summary>
public sealed record EvaluationContent(
    string Necessity, string NecessityReason,
    string Effectiveness, string EffectivenessReason,
    string Efficiency, string EfficiencyReason,
    string Direction, string DirectionReason)
{
    public static readonly EvaluationContent Empty = new("", "", "", "", "", "", "", "");

    /// <summary>The fields a submission needs, by their proto names, that are still empty.</summary>
    public IReadOnlyList<string> MissingForSubmission() =>
        new[] { (Necessity, "necessity"), (Effectiveness, "effectiveness"), (Efficiency, "efficiency"), (Direction, "direction") }
            .Where(f => f.Item1.Length == 0).Select(f => f.Item2).ToList();
}
