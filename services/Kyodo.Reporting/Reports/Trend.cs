using Kyodo.Printing;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.V1;
using Kyodo.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using static Kyodo.Reporting.Reports.Cells;

namespace Kyodo.Reporting.Reports;

/// <summary>Report 6: one indicator, one cost line or one subsidy program across fiscal years, a row per year.</summary>
internal static class Trend
{
    /// <summary>
    /// Target, approved actual and achievement (direction respected) per year; then, apart, a value
    /// entered and not yet approved and its status (<see cref="PendingActuals"/>), which 達成率 never uses.
    /// </summary>
    public static async Task<Report> IndicatorAsync(ReportingDbContext db, string code, Guid indicatorId, YearRange range,
        CancellationToken ct)
    {
        var (item, indicator) = await IndicatorLookup.FindAsync(db, code, indicatorId, ct);
        var (name, unit, direction) = (indicator.Row.Name, indicator.Row.Unit, indicator.Row.Direction);
        var pending = await PendingActuals.OfAsync(db, code, [indicatorId], ct);
        var report = new ReportBuilder($"推移 {name}（{item.Row.Title}）", code);
        report.Includes(item.Row.AsOf);
        var table = report.Table("指標の推移", ("年度", ColumnKind.Text), ($"目標（{unit}）", ColumnKind.Number), ($"実績（{unit}）", ColumnKind.Number),
            ("達成率", ColumnKind.Percent), ($"{PendingActuals.TableName}（{unit}）", ColumnKind.Number), ("未承認の状況", ColumnKind.Text));
        foreach (var year in range.Years(indicator.TargetYears.Concat(indicator.ActualYears).Concat(pending.Keys.Select(k => k.Year))))
        {
            var (target, actual) = (indicator.Target(year), indicator.Actual(year));
            var ratio = target is { } t ? Achievement.Ratio(direction, t, actual) : null;
            var entry = pending.GetValueOrDefault((indicatorId, year));
            report.Includes(entry?.AsOf);
            table.Rows.Add(Row(Text(Japanese.FiscalYearLabel(year)), target is { } tv ? Value(tv) : Blank(),
                actual is { } av ? Value(av) : Blank(), ratio is { } r && r != decimal.MaxValue ? Number((double)r) : Blank(),
                entry is null ? Blank() : Value(entry.Value), Text(entry is null ? "" : SheetWords.ReviewStatus(entry.Status))));
        }
        return report.Build();
    }

    /// <summary>An item's cost by funding source per year (all its budget lines of each year together).</summary>
    public static async Task<Report> ItemCostAsync(ReportingDbContext db, string code, Guid itemId, YearRange range, CancellationToken ct)
    {
        var item = await db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.MunicipalityCode == code && i.ItemId == itemId, ct);
        var years = await CostByYear.OfItemAsync(db, code, itemId, ct);
        // Lines may arrive before their item's event; an item known by neither reads as missing.
        if (item is { Deleted: true } || (item is null && years.Count == 0)) throw new NotFoundException("item", itemId.ToString());
        var title = item?.Title is { Length: > 0 } t ? t
            : await db.BudgetLines.Where(l => l.MunicipalityCode == code && l.ItemId == itemId && !l.Deleted).Select(l => l.ItemTitle)
                .FirstOrDefaultAsync(ct) ?? "";
        var report = new ReportBuilder($"推移 事業費 {title}", code);
        report.Includes(item?.AsOf);
        CostByYear.Table(report, years, range);
        return report.Build();
    }

    /// <summary>
    /// Every line booked to an account, or to any account under it (款 takes its 項 and 目),
    /// optionally only of one department, of one plan's items and of the items under one node;
    /// the title names the filters.
    /// </summary>
    public static async Task<Report> AccountCostAsync(ReportingDbContext db, string code, string accountPath, Guid? departmentId,
        Guid? planId, Guid? nodeId, YearRange range, CancellationToken ct)
    {
        var plan = planId is { } p
            ? await db.Plans.AsNoTracking().SingleOrDefaultAsync(r => r.MunicipalityCode == code && r.PlanId == p && !r.Deleted, ct)
                ?? throw new NotFoundException("plan", p.ToString())
            : null;
        var node = await NodeFilter.ResolveAsync(db, code, nodeId, planId, ct);
        var (departmentName, departmentAsOf) = departmentId is { } d ? await DepartmentOfLinesAsync(db, code, d, ct) : (null, null);

        var years =
            await CostByYear.OfAccountAsync(db, [code], accountPath, departmentId, planId, node?.Subtree, range, byMunicipality: false, ct);
        var report = new ReportBuilder(ReportTitle.With($"推移 事業費 {accountPath}", ReportTitle.Plan(plan?.Name),
            ReportTitle.Node(node?.Label), ReportTitle.Department(departmentName)), code);
        report.Includes(plan?.AsOf);
        report.Includes(node?.Node.AsOf);
        report.Includes(departmentAsOf);
        CostByYear.Table(report, years, range);
        return report.Build();
    }

    /// <summary>
    /// A department's name as its row gives it, else as the municipality's budget lines name it
    /// (its DepartmentChanged may still be on its way); one of another municipality reads as missing.
    /// </summary>
    private static async Task<(string? Name, DateTimeOffset? AsOf)> DepartmentOfLinesAsync(ReportingDbContext db, string code,
        Guid departmentId, CancellationToken ct)
    {
        var row =
            await db.Departments.AsNoTracking().SingleOrDefaultAsync(r => r.MunicipalityCode == code && r.DepartmentId == departmentId, ct);
        if (row is { Deleted: false }) return (row.Name, row.AsOf);
        var named = await db.BudgetLines.AsNoTracking()
            .Where(l => l.MunicipalityCode == code && !l.Deleted && l.DepartmentId == departmentId)
            .OrderByDescending(l => l.AsOf).Select(l => l.DepartmentName).FirstOrDefaultAsync(ct);
        return named is null ? throw new NotFoundException("department", departmentId.ToString()) : (named, null);
    }
}
