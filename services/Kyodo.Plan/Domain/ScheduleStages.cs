namespace Kyodo.Plan.Domain;

/// <summary>
/// Reads a schedule cell as documents write it: stage words joined by ・ (検討・実施,
/// 実施・完了予定, 検討・周知). The vocabulary is open: a word the system does not know is
/// kept exactly as written, never dropped or guessed.
/// </summary>
public static class ScheduleStages
{
    /// <summary>The words the documents use: study, implement, continue, review, partial, completion planned, done, publicise.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>
    {
        "検討", "実施", "→", "見直し", "一部実施", "完了予定", "完了", "周知",
    };

    private static readonly char[] Separators = ['・', '･', '、', '，', ','];

    /// <summary>The stages of a cell in order; empty for an empty cell (nothing planned).</summary>
    public static IReadOnlyList<string> Parse(string? cell) =>
        (cell ?? "")
            .Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(word => word.Trim('\u3000'))
            .Where(word => word.Length > 0)
            .ToList();
}
