using Kyodo.Reporting.Data;
using Kyodo.Reporting.V1;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// Report 1: per department (an item counts for its lead department, a budget line and what is
/// reserved against it for the line's department, an application for its program's line's), for
/// a range of fiscal years: items, items by schedule stage, cost by funding source, money reserved
/// and committed, subsidy applications and awards, and indicator achievement, then a total row.
/// What counts is <see cref="SummaryFigures"/>'s; the columns are the municipality's (<see cref="SummaryTable"/>).
/// </summary>
internal static class DepartmentSummary
{
    public static async Task<Report> BuildAsync(ReportingDbContext db, string code, int from, int to, Guid? planId, Guid? departmentId,
        Guid? nodeId, AchievementThresholds thresholds, DateOnly today, CancellationToken ct)
    {
        var (plan, department, node) = await SummaryFilters.ResolveAsync(db, code, planId, departmentId, nodeId, ct);
        var report = new ReportBuilder(ReportTitle.With($"部署別集計 FY{from}–FY{to}", ReportTitle.Plan(plan), ReportTitle.Node(node?.Label),
            ReportTitle.Department(department)), code);
        var stages = await StageVocabulary.OfAsync(db, [code], today, ct);
        var (units, asOf) = await KeptSummaryFigures.LoadAsync(db, new SummaryScope([code], from, to, planId, departmentId, node?.Subtree),
            thresholds, today, ct);
        report.Includes(asOf);

        // Named as their rows name them (dated then), else as the items and lines name them.
        var ids = units.Keys.Where(k => k.Length > 0).Select(Guid.Parse).ToList();
        var names = await DepartmentNames.OfAsync(db, code, ids, ct);
        foreach (var (_, at) in names.Values) report.Includes(at);
        string? NameOf(string key) => key.Length > 0 && names.TryGetValue(Guid.Parse(key), out var named) ? named.Name : null;

        var table = SummaryTable.Create(report, "部署別集計", "部署", stages);
        foreach (var (key, figures) in units.OrderBy(u => NameOf(u.Key) ?? "\uffff", StringComparer.Ordinal))
            SummaryTable.Add(table, NameOf(key) ?? "（部署未設定）", figures, stages);
        SummaryTable.AddTotal(table, units.Values, stages);
        return report.Build();
    }
}

/// <summary>Achievement thresholds (ratios): at or above AchievedAt "achieved", at or above OnTrackAt "on track", below it
/// "behind".</summary>
internal readonly record struct AchievementThresholds(double AchievedAt, double OnTrackAt)
{
    public const double DefaultAchievedAt = 1.0, DefaultOnTrackAt = 0.8, Highest = 10.0;

    /// <summary>A request's values, 0 meaning the default.</summary>
    public static AchievementThresholds Of(double achievedAt, double onTrackAt) =>
        new(achievedAt == 0 ? DefaultAchievedAt : achievedAt, onTrackAt == 0 ? DefaultOnTrackAt : onTrackAt);
}

/// <summary>Indicator achievement: actual / target when higher is better, target / actual when lower is better (the summaries grade it in
/// SQL alike).</summary>
internal static class Achievement
{
    public static decimal? Ratio(string direction, decimal target, decimal? actual) => actual switch
    {
        null => null,
        _ when direction == "LowerIsBetter" => actual.Value == 0 ? decimal.MaxValue : target / actual.Value,
        _ => target == 0 ? decimal.MaxValue : actual.Value / target,
    };
}
