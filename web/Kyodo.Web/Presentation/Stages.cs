namespace Kyodo.Web.Presentation;

/// <summary>
/// The colour of a schedule stage in the timeline, from the first word of a cell (検討・実施 is
/// coloured as 検討, its words shown whole). The vocabulary is open (DOMAIN.md): a word not
/// listed here gets the neutral class, and is never dropped.
/// </summary>
public static class Stages
{
    public static readonly IReadOnlyList<(string Word, string Css)> Legend =
    [
        ("検討", "stage-study"), ("実施", "stage-do"), ("→", "stage-continue"), ("一部実施", "stage-partial"),
        ("見直し", "stage-review"), ("周知", "stage-publicise"), ("完了予定", "stage-completing"), ("完了", "stage-done"),
    ];

    public static string CssClass(string cell)
    {
        var first = cell.Split('・', 2)[0].Trim();
        foreach (var (word, css) in Legend) if (first == word) return css;
        return "stage-other";
    }
}
