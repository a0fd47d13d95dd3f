namespace Kyodo.Reporting.Reports;

/// <summary>
/// A report's title with the filters it applied, so a table (and every file exported from it)
/// says what it leaves out: "山口市協働推進プラン 年次計画（FY2009–FY2010、担当課 協働推進課）".
/// </summary>
internal static class ReportTitle
{
    public static string With(string title, params string?[] filters)
    {
        var applied = filters.Where(f => !string.IsNullOrEmpty(f)).ToList();
        return applied.Count == 0 ? title : $"{title}（{string.Join("、", applied)}）";
    }

    public static string? Department(string? name) => name is null ? null : $"担当課 {name}";

    public static string? Plan(string? name) => name is null ? null : $"計画 {name}";

    /// <summary>A node filter: its level, code and title ("施策 6-1 協働の推進").</summary>
    public static string? Node(string? label) => label is null ? null : $"{label}以下";

    public static string Years(int from, int to) => from == to ? $"FY{from}" : $"FY{from}–FY{to}";
}
