using System.Text.Json;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.V1;
using Microsoft.EntityFrameworkCore;
using static Kyodo.Reporting.Reports.Cells;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// Report 1: per department (an item counts for its lead department), for a range of fiscal
/// years: items, items by schedule stage, cost by funding source, subsidy applications and
/// awards (through the budget line each program spends), and indicator achievement.
/// </summary>
internal static class DepartmentSummary
{
    public static async Task<Report> BuildAsync(ReportingDbContext db, DepartmentSummaryRequest request, int from, int to, Guid? planId, Guid? departmentId, CancellationToken ct)
    {
        var code = request.MunicipalityCode;
        var achievedAt = request.AchievedAt > 0 ? request.AchievedAt : 1.0;
        var onTrackAt = request.OnTrackAt > 0 ? request.OnTrackAt : 0.8;
        var report = new ReportBuilder($"部署別集計 FY{from}–FY{to}", code);

        var departments = await db.Departments.AsNoTracking().Where(d => d.MunicipalityCode == code && !d.Deleted).ToDictionaryAsync(d => d.DepartmentId, ct);
        var livePlans = await db.Plans.AsNoTracking().Where(p => p.MunicipalityCode == code && !p.Deleted).Select(p => p.PlanId).ToListAsync(ct);
        var items = await db.Items.AsNoTracking()
            .Where(i => i.MunicipalityCode == code && !i.Deleted && livePlans.Contains(i.PlanId) && (planId == null || i.PlanId == planId))
            .ToListAsync(ct);
        var lines = await db.BudgetLines.AsNoTracking()
            .Where(l => l.MunicipalityCode == code && !l.Deleted && l.FiscalYear >= from && l.FiscalYear <= to)
            .ToListAsync(ct);
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.MunicipalityCode == code && a.FiscalYear >= from && a.FiscalYear <= to).ToListAsync(ct);
        foreach (var row in items) report.Includes(row.AsOf);
        foreach (var row in lines) report.Includes(row.AsOf);
        foreach (var row in applications) report.Includes(row.AsOf);

        // Subsidy programs count for the department of the budget line they spend that year.
        var lineDepartment = lines.ToDictionary(l => l.BudgetLineId, l => l.DepartmentId);
        var programLines = (await db.SubsidyPrograms.AsNoTracking().Where(p => p.MunicipalityCode == code).ToListAsync(ct))
            .SelectMany(p => JsonSerializer.Deserialize<Contracts.Subsidy.SubsidyProgramChanged>(p.SnapshotJson, ItemJson.Options)?.BudgetLines
                .Select(l => (p.ProgramId, l.FiscalYear, l.BudgetLineId)) ?? [])
            .ToDictionary(x => (x.ProgramId, x.FiscalYear), x => x.BudgetLineId);
        Guid? DepartmentOfApplication(ReadModels.ApplicationRow a) =>
            programLines.TryGetValue((a.ProgramId, a.FiscalYear), out var line) && lineDepartment.TryGetValue(line, out var department) ? department : null;

        var snapshots = items.Select(i => (Row: i, Item: ItemJson.Read(i.SnapshotJson))).Where(x => x.Item is not null).ToList();
        var stages = snapshots.SelectMany(x => x.Item!.Schedule.Where(c => c.FiscalYear >= from && c.FiscalYear <= to).SelectMany(c => c.Stages)).Distinct().Order(StringComparer.Ordinal).ToList();

        // Names as the department rows give them, else as the items and lines last named them
        // (a DepartmentChanged may still be on its way).
        var names = snapshots.SelectMany(x => x.Item!.Departments).GroupBy(d => d.DepartmentId).ToDictionary(g => g.Key, g => g.Last().Name);
        foreach (var line in lines.Where(l => l.DepartmentId is not null)) names.TryAdd(line.DepartmentId!.Value, line.DepartmentName);
        foreach (var (id, department) in departments) names[id] = department.Name;

        var keys = snapshots.Select(x => x.Row.LeadDepartmentId).Concat(lines.Select(l => l.DepartmentId)).Concat(applications.Select(DepartmentOfApplication))
            .Distinct().Where(d => departmentId is null || d == departmentId)
            .OrderBy(d => d is { } id && names.TryGetValue(id, out var name) ? name : "\uffff", StringComparer.Ordinal).ToList();

        var columns = new List<(string, ColumnKind)> { ("部署", ColumnKind.Text), ("事業数", ColumnKind.Count) };
        columns.AddRange(stages.Select(s => ($"{s}（事業数）", ColumnKind.Count)));
        columns.AddRange([
            ("事業費", ColumnKind.ThousandYen), ("国・県支出金", ColumnKind.ThousandYen), ("地方債", ColumnKind.ThousandYen),
            ("その他", ColumnKind.ThousandYen), ("一般財源", ColumnKind.ThousandYen),
            ("補助金申請数", ColumnKind.Count), ("交付決定数", ColumnKind.Count), ("交付決定額", ColumnKind.Yen), ("確定額", ColumnKind.Yen),
            ("指標:達成", ColumnKind.Count), ("指標:順調", ColumnKind.Count), ("指標:遅れ", ColumnKind.Count), ("指標:実績なし", ColumnKind.Count),
        ]);
        var table = report.Table("部署別集計", columns.ToArray());

        foreach (var key in keys)
        {
            var ofDepartment = snapshots.Where(x => x.Row.LeadDepartmentId == key).ToList();
            var ownLines = lines.Where(l => l.DepartmentId == key).ToList();
            var ownApplications = applications.Where(a => DepartmentOfApplication(a) == key).ToList();
            var awarded = ownApplications.Where(a => a.Status is "Awarded" or "Reported" or "Settled").ToList();
            var achievement = Achievement.Count(ofDepartment.Select(x => x.Item!), from, to, achievedAt, onTrackAt);

            var cells = new List<Cell>
            {
                Text(key is { } id && names.TryGetValue(id, out var name) ? name : "（部署未設定）"),
                Integer(ofDepartment.Count), // one row per item: a re-listed item counts once
            };
            cells.AddRange(stages.Select(stage => Integer(ofDepartment.Count(x => x.Item!.Schedule.Any(c => c.FiscalYear >= from && c.FiscalYear <= to && c.Stages.Contains(stage))))));
            cells.AddRange([
                Integer(ownLines.Sum(l => l.CostYen)), Integer(ownLines.Sum(l => l.NationalPrefecturalYen)), Integer(ownLines.Sum(l => l.LocalBondYen)),
                Integer(ownLines.Sum(l => l.OtherYen)), Integer(ownLines.Sum(l => l.GeneralRevenueYen)),
                Integer(ownApplications.Count), Integer(awarded.Count), Integer(awarded.Sum(a => a.AwardedYen)), Integer(awarded.Sum(a => a.SettledYen)),
                Integer(achievement.Achieved), Integer(achievement.OnTrack), Integer(achievement.Behind), Integer(achievement.NoData),
            ]);
            table.Rows.Add(Row(cells.ToArray()));
        }
        return report.Build();
    }
}

/// <summary>Indicator achievement: actual / target when higher is better, target / actual when lower is better.</summary>
internal static class Achievement
{
    public static (int Achieved, int OnTrack, int Behind, int NoData) Count(IEnumerable<ItemSnapshot> items, int from, int to, double achievedAt, double onTrackAt)
    {
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
