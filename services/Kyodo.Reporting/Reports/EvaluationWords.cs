using Kyodo.Printing;
using Kyodo.Reporting.V1;
using static Kyodo.Reporting.Reports.Cells;

namespace Kyodo.Reporting.Reports;

/// <summary>How many evaluations of a row (Part: department, node or a node's own; Unit: its id) have Word for Dimension.</summary>
internal sealed record EvaluationCount(string Part, string Unit, string Dimension, string Word, long N);

/// <summary>
/// The evaluation summary's count columns: 評価数, each status, each 今後の方向性 (the
/// municipality's words in its order, then any other word evaluations use, in code-point order:
/// words it has since dropped, so none is lost), then 必要性・有効性・効率性 each per grade of its
/// scale (best first, other grades after). An evaluation that leaves one out counts under 未記入.
/// </summary>
internal sealed class EvaluationWords
{
    public const string Blank = "未記入";
    private static readonly string[] Statuses = ["Draft", "Submitted", "Approved", "Returned"];
    private static readonly (string Dimension,
        string Label)[] Ratings = [("necessity", "必要性"), ("effectiveness", "有効性"), ("efficiency", "効率性")];

    private readonly List<(string Dimension, string Word, string Name)> _columns = [];

    public static EvaluationWords Of(IReadOnlyList<string> directions, IReadOnlyList<string> scale,
        IEnumerable<(string Dimension, string Word)> used)
    {
        var usedWords = used.ToLookup(u => u.Dimension, u => u.Word);
        var words = new EvaluationWords();
        foreach (var status in Statuses) words._columns.Add(("status", status, SheetWords.ReviewStatus(status)));
        foreach (var word in Ordered(directions, usedWords["direction"]))
            words._columns.Add(("direction", word, word.Length == 0 ? $"方向性:{Blank}" : word));
        foreach (var (dimension, label) in Ratings)
            foreach (var grade in Ordered(scale, usedWords[dimension]))
                words._columns.Add((dimension, grade, $"{label}:{(grade.Length == 0 ? Blank : grade)}"));
        return words;
    }

    /// <summary>The configured words in their order, then the others used (未記入 last).</summary>
    private static IEnumerable<string> Ordered(IReadOnlyList<string> configured, IEnumerable<string> used) =>
        configured.Concat(used.Except(configured).Distinct().OrderBy(w => w.Length == 0).ThenBy(w => w, StringComparer.Ordinal));

    public IEnumerable<(string Name, ColumnKind Kind)> Columns =>
        [("評価数", ColumnKind.Count), .. _columns.Select(c => (c.Name, ColumnKind.Count))];

    /// <summary>A row's counts; the statuses add up to its 評価数 (each evaluation has one).</summary>
    public Cell[] Cells(IEnumerable<EvaluationCount> counts)
    {
        var list = counts.ToList();
        long Of(string dimension, string word) => list.Where(c => c.Dimension == dimension && c.Word == word).Sum(c => c.N);
        return [Integer(list.Where(c => c.Dimension == "status").Sum(c => c.N)), .. _columns.Select(c => Integer(Of(c.Dimension, c.Word)))];
    }
}
