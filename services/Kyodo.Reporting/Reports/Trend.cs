using System.Text.Json;
using Kyodo.Contracts.Subsidy;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.Reporting.V1;
using Kyodo.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using static Kyodo.Reporting.Reports.Cells;

namespace Kyodo.Reporting.Reports;

/// <summary>Report 6: one indicator, one cost line or one subsidy program across fiscal years, a row per year.</summary>
internal static class Trend
{
    /// <summary>Target, actual and achievement (direction respected) per year.</summary>
    public static async Task<Report> IndicatorAsync(ReportingDbContext db, string code, Guid indicatorId, YearRange range, CancellationToken ct)
    {
        var (row, item, indicator) = await IndicatorLookup.FindAsync(db, code, indicatorId, ct);
        var report = new ReportBuilder($"推移 {indicator.Name}（{item.Title}）", code);
        report.Includes(row.AsOf);
        var table = report.Table("指標の推移", ("年度", ColumnKind.Text), ($"目標（{indicator.Unit}）", ColumnKind.Number), ($"実績（{indicator.Unit}）", ColumnKind.Number),
            ("達成率", ColumnKind.Percent));
        foreach (var year in range.Years(indicator.Targets.Concat(indicator.Actuals).Select(v => v.FiscalYear)))
        {
            var target = indicator.Targets.FirstOrDefault(t => t.FiscalYear == year)?.Value;
            var actual = indicator.Actuals.FirstOrDefault(a => a.FiscalYear == year)?.Value;
            var ratio = target is { } t ? Achievement.Ratio(indicator.Direction, t, actual) : null;
            table.Rows.Add(Row(Text(Japanese.FiscalYearLabel(year)), target is { } tv ? Value(tv) : Blank(), actual is { } av ? Value(av) : Blank(),
                ratio is { } r && r != decimal.MaxValue ? Number((double)r) : Blank()));
        }
        return report.Build();
    }

    /// <summary>An item's cost by funding source per year (all its budget lines of each year together).</summary>
    public static async Task<Report> ItemCostAsync(ReportingDbContext db, string code, Guid itemId, YearRange range, CancellationToken ct)
    {
        var item = await db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.ItemId == itemId && i.MunicipalityCode == code, ct);
        var lines = await db.BudgetLines.AsNoTracking().Where(l => l.ItemId == itemId && l.MunicipalityCode == code && !l.Deleted).ToListAsync(ct);
        // Lines may arrive before their item's event; an item known by neither reads as missing.
        if (item is { Deleted: true } || (item is null && lines.Count == 0)) throw new NotFoundException("item", itemId.ToString());
        var title = item?.Title is { Length: > 0 } t ? t : lines.Select(l => l.ItemTitle).FirstOrDefault() ?? "";
        var report = new ReportBuilder($"推移 事業費 {title}", code);
        report.Includes(item?.AsOf);
        return CostByYear(report, lines, range);
    }

    /// <summary>
    /// Every line booked to an account, or to any account under it (款 takes its 項 and 目),
    /// optionally only of one department and of one plan's items; the title names the filters.
    /// </summary>
    public static async Task<Report> AccountCostAsync(ReportingDbContext db, string code, string accountPath, Guid? departmentId, Guid? planId, YearRange range, CancellationToken ct)
    {
        var plan = planId is { } p
            ? await db.Plans.AsNoTracking().SingleOrDefaultAsync(r => r.PlanId == p && r.MunicipalityCode == code && !r.Deleted, ct) ?? throw new NotFoundException("plan", p.ToString())
            : null;
        var (departmentName, departmentAsOf) = departmentId is { } d ? await DepartmentOfLinesAsync(db, code, d, ct) : (null, null);

        var under = accountPath + "/";
        var lines = await db.BudgetLines.AsNoTracking()
            .Where(l => l.MunicipalityCode == code && !l.Deleted && (l.AccountPath == accountPath || l.AccountPath.StartsWith(under)))
            .Where(l => departmentId == null || l.DepartmentId == departmentId)
            .Where(l => planId == null || db.Items.Any(i => i.ItemId == l.ItemId && i.MunicipalityCode == code && !i.Deleted && i.PlanId == planId))
            .ToListAsync(ct);
        var report = new ReportBuilder(ReportTitle.With($"推移 事業費 {accountPath}", ReportTitle.Plan(plan?.Name), ReportTitle.Department(departmentName)), code);
        report.Includes(plan?.AsOf);
        report.Includes(departmentAsOf);
        return CostByYear(report, lines, range);
    }

    /// <summary>
    /// A department's name as its row gives it, else as the municipality's budget lines name it
    /// (its DepartmentChanged may still be on its way); one of another municipality reads as missing.
    /// </summary>
    private static async Task<(string? Name, DateTimeOffset? AsOf)> DepartmentOfLinesAsync(ReportingDbContext db, string code, Guid departmentId, CancellationToken ct)
    {
        var row = await db.Departments.AsNoTracking().SingleOrDefaultAsync(r => r.DepartmentId == departmentId && r.MunicipalityCode == code, ct);
        if (row is { Deleted: false }) return (row.Name, row.AsOf);
        var named = await db.BudgetLines.AsNoTracking().Where(l => l.MunicipalityCode == code && !l.Deleted && l.DepartmentId == departmentId)
            .OrderByDescending(l => l.AsOf).Select(l => l.DepartmentName).FirstOrDefaultAsync(ct);
        return named is null ? throw new NotFoundException("department", departmentId.ToString()) : (named, null);
    }

    private static Report CostByYear(ReportBuilder report, List<BudgetLineRow> lines, YearRange range)
    {
        lines = lines.Where(l => range.Contains(l.FiscalYear)).ToList();
        foreach (var line in lines) report.Includes(line.AsOf);
        var table = report.Table("事業費の推移", ("年度", ColumnKind.Text), ("予算行数", ColumnKind.Count), ("事業費", ColumnKind.Yen), ("国・県支出金", ColumnKind.Yen),
            ("地方債", ColumnKind.Yen), ("その他", ColumnKind.Yen), ("一般財源", ColumnKind.Yen));
        foreach (var year in range.Years(lines.Select(l => l.FiscalYear)))
        {
            var ofYear = lines.Where(l => l.FiscalYear == year).ToList();
            Cell Sum(Func<BudgetLineRow, long> amount) => ofYear.Count > 0 ? Integer(ofYear.Sum(amount)) : Blank();
            table.Rows.Add(Row(Text(Japanese.FiscalYearLabel(year)), Integer(ofYear.Count), Sum(l => l.CostYen), Sum(l => l.NationalPrefecturalYen), Sum(l => l.LocalBondYen),
                Sum(l => l.OtherYen), Sum(l => l.GeneralRevenueYen)));
        }
        return report.Build();
    }

    /// <summary>
    /// A subsidy program per year and course, as seed 001 counts it: applications, awards (an
    /// application counts as awarded once awarded, also after its report and settlement), and amounts.
    /// </summary>
    public static async Task<Report> SubsidyProgramAsync(ReportingDbContext db, string code, Guid programId, YearRange range, CancellationToken ct)
    {
        var program = await db.SubsidyPrograms.AsNoTracking().SingleOrDefaultAsync(p => p.ProgramId == programId && p.MunicipalityCode == code, ct);
        var applications = await db.Applications.AsNoTracking().Where(a => a.ProgramId == programId && a.MunicipalityCode == code).ToListAsync(ct);
        if (program is { Deleted: true } || (program is null && applications.Count == 0)) throw new NotFoundException("subsidy program", programId.ToString());
        applications = applications.Where(a => range.Contains(a.FiscalYear)).ToList();

        var name = program?.Name is { Length: > 0 } n ? n : applications.Select(a => a.ProgramName).FirstOrDefault() ?? "";
        var report = new ReportBuilder($"推移 {name}", code);
        report.Includes(program?.AsOf);
        foreach (var application in applications) report.Includes(application.AsOf);

        // Courses in the program's order, then any only the applications name (the program's change may still be on its way).
        var snapshot = program is null ? null : JsonSerializer.Deserialize<SubsidyProgramChanged>(program.SnapshotJson, ItemJson.Options);
        var courses = (snapshot?.Courses ?? []).Select(c => (c.CourseId, c.Name)).ToList();
        courses.AddRange(applications.Select(a => (a.CourseId, Name: a.CourseName)).DistinctBy(c => c.CourseId).Where(c => courses.All(k => k.CourseId != c.CourseId)).OrderBy(c => c.Name, StringComparer.Ordinal));

        var table = report.Table("補助金の推移", ("年度", ColumnKind.Text), ("コース", ColumnKind.Text), ("申請数", ColumnKind.Count), ("交付決定数", ColumnKind.Count),
            ("交付決定額", ColumnKind.Yen), ("確定額", ColumnKind.Yen));
        foreach (var year in range.Years(applications.Select(a => a.FiscalYear)))
        {
            var ofYear = applications.Where(a => a.FiscalYear == year).ToList();
            foreach (var (courseId, courseName) in courses)
                table.Rows.Add(Counts(Japanese.FiscalYearLabel(year), courseName, ofYear.Where(a => a.CourseId == courseId).ToList()));
            table.Rows.Add(Counts(Japanese.FiscalYearLabel(year), "計", ofYear));
        }
        return report.Build();
    }

    private static Row Counts(string year, string course, List<ApplicationRow> applications)
    {
        var awarded = applications.Where(a => Labels.IsAwarded(a.Status)).ToList();
        return Row(Text(year), Text(course), Integer(applications.Count), Integer(awarded.Count), Integer(awarded.Sum(a => a.AwardedYen)), Integer(awarded.Sum(a => a.SettledYen)));
    }
}
