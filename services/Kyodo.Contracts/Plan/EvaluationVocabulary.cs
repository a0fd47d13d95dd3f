namespace Kyodo.Contracts.Plan;

/// <summary>
/// The evaluation words a municipality has until it changes them: plan stores no settings (and
/// publishes no EvaluationSettingsChanged) before then, so whoever reads evaluations needs the
/// same defaults.
/// </summary>
public static class EvaluationVocabulary
{
    /// <summary>The grades of 必要性・有効性・効率性, best first.</summary>
    public static readonly IReadOnlyList<string> DefaultRatingScale = ["A", "B", "C"];

    /// <summary>The 今後の方向性 words, in the order reports list them.</summary>
    public static readonly IReadOnlyList<string> DefaultDirections = ["拡充", "継続", "改善", "縮小", "統合", "休止", "廃止", "完了"];
}
