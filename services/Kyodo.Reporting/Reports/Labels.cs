namespace Kyodo.Reporting.Reports;

/// <summary>How the documents print the enumerations the events carry by name.</summary>
internal static class Labels
{
    public static string Novelty(string novelty) => novelty switch
    {
        "New" => "新規",
        "Continuing" => "継続",
        _ => "",
    };

    /// <summary>市長公約事項: 000 prints 有 / 一部 / 無.</summary>
    public static string MayoralPledge(string pledge) => pledge switch
    {
        "Yes" => "有",
        "Partly" => "一部",
        "None" => "無",
        _ => "",
    };

    public static string IndicatorKind(string kind) => kind switch
    {
        "Activity" => "活動指標",
        "Outcome" => "成果指標",
        _ => kind,
    };

    /// <summary>施策内順位 as 000 prints it: "1/3", or "-" when the item is not ranked.</summary>
    public static string Rank(int? rank, int? of) =>
        rank is { } r ? (of is { } o ? $"{r}/{o}" : r.ToString(System.Globalization.CultureInfo.InvariantCulture)) : "-";

    /// <summary>Whether an application's step means it was awarded (and possibly reported or settled since).</summary>
    public static bool IsAwarded(string status) => status is "Awarded" or "Reported" or "Settled";
}
