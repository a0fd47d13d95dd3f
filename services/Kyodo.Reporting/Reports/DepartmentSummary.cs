using System.Text.Json;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.Reporting.V1;
using Microsoft.EntityFrameworkCore;
using static Kyodo.Reporting.Reports.Cells;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// Report 1: per department (an item counts for its lead department, a budget line and what is
/// reserved against it for the line's department, an application for its program's line's), for
/// a range of fiscal years: items, items by schedule stage, cost by funding source, money reserved
/// and committed, subsidy applications and awards, and indicator achievement. What counts is
/// <see cref="SummaryScope"/>'s.
/// </summary>
internal static class DepartmentSummary
{
    public static async Task<Report> BuildAsync(ReportingDbContext db, string code, int from, int to, Guid? planId, Guid? departmentId,
        AchievementThresholds thresholds, CancellationToken ct)
    {
        await SummaryFilters.EnsureKnownAsync(db, code, planId, departmentId, ct);
        var report = new ReportBuilder($"部署別集計 FY{from}–FY{to}", code);
        var scope = await SummaryScope.LoadAsync(db, code, from, to, planId, departmentId, ct);

        var snapshots = scope.Items.Select(i => (Row: i, Item: ItemJson.Read(i.SnapshotJson))).Where(x => x.Item is not null).ToList();
        var stages = snapshots.SelectMany(x => x.Item!.Schedule.Where(c => c.FiscalYear >= from && c.FiscalYear <= to).SelectMany(c => c.Stages)).Distinct().Order(StringComparer.Ordinal).ToList();

        // Names as the department rows give them, else as the items and lines last named them
        // (a DepartmentChanged may still be on its way).
        var names = snapshots.SelectMany(x => x.Item!.Departments).GroupBy(d => d.DepartmentId).ToDictionary(g => g.Key, g => g.Last().Name);
        foreach (var line in scope.Lines.Where(l => l.DepartmentId is not null)) names.TryAdd(line.DepartmentId!.Value, line.DepartmentName);
        foreach (var (id, department) in scope.Departments) names[id] = department.Name;

        var keys = snapshots.Select(x => x.Row.LeadDepartmentId).Concat(scope.Lines.Select(l => l.DepartmentId)).Concat(scope.Applications.Select(a => a.Department))
            .Distinct().OrderBy(d => d is { } id && names.TryGetValue(id, out var name) ? name : "\uffff", StringComparer.Ordinal).ToList();
        scope.DateInto(report, keys);

        var columns = new List<(string, ColumnKind)> { ("部署", ColumnKind.Text), ("事業数", ColumnKind.Count) };
        columns.AddRange(stages.Select(s => ($"{s}（事業数）", ColumnKind.Count)));
        columns.AddRange([
            ("事業費", ColumnKind.ThousandYen), ("国・県支出金", ColumnKind.ThousandYen), ("地方債", ColumnKind.ThousandYen),
            ("その他", ColumnKind.ThousandYen), ("一般財源", ColumnKind.ThousandYen),
            ("確保額（未執行）", ColumnKind.Yen), ("執行額", ColumnKind.Yen),
            ("補助金申請数", ColumnKind.Count), ("交付決定数", ColumnKind.Count), ("交付決定額", ColumnKind.Yen), ("確定額", ColumnKind.Yen),
            ("指標:達成", ColumnKind.Count), ("指標:順調", ColumnKind.Count), ("指標:遅れ", ColumnKind.Count), ("指標:実績なし", ColumnKind.Count),
        ]);
        var table = report.Table("部署別集計", columns.ToArray());

        foreach (var key in keys)
        {
            var ofDepartment = snapshots.Where(x => x.Row.LeadDepartmentId == key).ToList();
            var ownLines = scope.Lines.Where(l => l.DepartmentId == key).ToList();
            var ownReservations = scope.Reservations.Where(r => scope.LineDepartments[r.BudgetLineId] == key).ToList();
            var ownApplications = scope.Applications.Where(a => a.Department == key).Select(a => a.Application).ToList();
            var awarded = ownApplications.Where(a => Labels.IsAwarded(a.Status)).ToList();
            var achievement = Achievement.Count(ofDepartment.Select(x => x.Item!), from, to, thresholds);

            var cells = new List<Cell>
            {
                Text(key is { } id && names.TryGetValue(id, out var name) ? name : "（部署未設定）"),
                Integer(ofDepartment.Count), // one row per item: a re-listed item counts once
            };
            cells.AddRange(stages.Select(stage => Integer(ofDepartment.Count(x => x.Item!.Schedule.Any(c => c.FiscalYear >= from && c.FiscalYear <= to && c.Stages.Contains(stage))))));
            cells.AddRange([
                Integer(ownLines.Sum(l => l.CostYen)), Integer(ownLines.Sum(l => l.NationalPrefecturalYen)), Integer(ownLines.Sum(l => l.LocalBondYen)),
                Integer(ownLines.Sum(l => l.OtherYen)), Integer(ownLines.Sum(l => l.GeneralRevenueYen)),
                Integer(ownReservations.Where(r => r.State == ReadModelWriter.Reserved).Sum(r => r.AmountYen)),
                Integer(ownReservations.Where(r => r.State == ReadModelWriter.Committed).Sum(r => r.CommittedYen)),
                Integer(ownApplications.Count), Integer(awarded.Count), Integer(awarded.Sum(a => a.AwardedYen)), Integer(awarded.Sum(a => a.SettledYen)),
                Integer(achievement.Achieved), Integer(achievement.OnTrack), Integer(achievement.Behind), Integer(achievement.NoData),
            ]);
            table.Rows.Add(Row(cells.ToArray()));
        }
        return report.Build();
    }
}

/// <summary>Achievement thresholds (ratios): at or above AchievedAt "achieved", at or above OnTrackAt "on track", below it "behind".</summary>
internal readonly record struct AchievementThresholds(double AchievedAt, double OnTrackAt)
{
    public const double DefaultAchievedAt = 1.0, DefaultOnTrackAt = 0.8, Highest = 10.0;

    /// <summary>A request's values, 0 meaning the default.</summary>
    public static AchievementThresholds Of(double achievedAt, double onTrackAt) =>
        new(achievedAt == 0 ? DefaultAchievedAt : achievedAt, onTrackAt == 0 ? DefaultOnTrackAt : onTrackAt);
}

/// <summary>Indicator achievement: actual / target when higher is better, target / actual when lower is better.</summary>
internal static class Achievement
{
    public static (int Achieved, int OnTrack, int Behind, int NoData) Count(IEnumerable<ItemSnapshot> items, int from, int to, AchievementThresholds thresholds)
    {
        var (achievedAt, onTrackAt) = thresholds;
        var (achieved, onTrack, behind, noData) = (0, 0, 0, 0);
        foreach (var indicator in items.SelectMany(i => i.Indicators))
            foreach (var target in indicator.Targets.Where(t => t.FiscalYear >= from && t.FiscalYear <= to))
            {
                var actual = indicator.Actuals.FirstOrDefault(a => a.FiscalYear == target.FiscalYear);
                var ratio = Ratio(indicator.Direction, target.Value, actual?.Value);
                if (ratio is null) noData++;
                else if (ratio >= (decimal)achievedAt) achieved++;
                else if (ratio >= (decimal)onTrackAt) onTrack++;
                else behind++;
            }
        return (achieved, onTrack, behind, noData);
    }

    public static decimal? Ratio(string direction, decimal target, decimal? actual) => actual switch
    {
        null => null,
        _ when direction == "LowerIsBetter" => actual.Value == 0 ? decimal.MaxValue : target / actual.Value,
        _ => target == 0 ? decimal.MaxValue : actual.Value / target,
    };
}

internal static class ItemJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static ItemSnapshot? Read(string json) => json is "{}" or "" ? null : JsonSerializer.Deserialize<ItemSnapshot>(json, Options);
}
