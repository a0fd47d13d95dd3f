using System.Globalization;
using Kyodo.Printing;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// The 事務事業評価シート of one item and year from the read models, the same fields the CLI reads
/// from the services (tools/Kyodo.Cli/Print/EvaluationSheetReader): the plan's period as its years,
/// the particulars, 事業費 by source with 人工, 人件費 (StaffCost.Yen) and フルコスト, the adjustments
/// of its lines in those years, indicators with pending actuals beside the approved ones, and the
/// year's evaluation. Kyodo.Printing's EvaluationSheetLayout lays it out.
/// </summary>
internal static class EvaluationSheetFromReadModels
{
    public static async Task<(EvaluationSheet Sheet, DateTimeOffset? AsOf)> BuildAsync(ReportingDbContext db, string code, Guid itemId,
        int year, CancellationToken ct)
    {
        var item = (await LoadedItems.LoadAsync(db, code,
            db.Items.Where(i => i.MunicipalityCode == code && i.ItemId == itemId && !i.Deleted), ct)).SingleOrDefault();
        var plan = item is null ? null : await db.Plans.AsNoTracking()
            .SingleOrDefaultAsync(p => p.MunicipalityCode == code && p.PlanId == item.Row.PlanId && !p.Deleted, ct);
        if (item is null || plan is null) throw new NotFoundException("item", itemId.ToString());
        if (year < plan.StartFiscalYear || year > plan.EndFiscalYear)
            throw new RequestValidationException(
                [new FieldViolation("report.fiscal_year", ReportingErrors.OutsidePlanPeriod(plan.StartFiscalYear, plan.EndFiscalYear))]);
        var years = Enumerable.Range(plan.StartFiscalYear, plan.EndFiscalYear - plan.StartFiscalYear + 1).ToList();
        var asOf = new List<DateTimeOffset?> { item.Row.AsOf, plan.AsOf };

        var hierarchy = await ProgramSheet.HierarchyAsync(db, code, item, ct);
        var lines = await db.BudgetLines.AsNoTracking()
            .Where(l => l.MunicipalityCode == code && l.ItemId == itemId && !l.Deleted && years.Contains(l.FiscalYear)).ToListAsync(ct);
        var staff = await StaffYears.LoadAsync(db, code, itemId, years, ct);
        var lineIds = lines.Select(l => l.BudgetLineId).ToList();
        var adjustments = await db.BudgetAdjustments.AsNoTracking()
            .Where(a => a.MunicipalityCode == code && lineIds.Contains(a.BudgetLineId))
            .OrderBy(a => a.FiscalYear).ThenBy(a => a.AsOf).ToListAsync(ct);
        var counterpartIds = adjustments.Select(a => a.CounterpartLineId).OfType<Guid>().ToList();
        var counterparts = await db.BudgetLines.AsNoTracking()
            .Where(l => l.MunicipalityCode == code && counterpartIds.Contains(l.BudgetLineId))
            .ToDictionaryAsync(l => l.BudgetLineId, l => l.ItemTitle, ct);
        var pending = await db.ActualEntries.AsNoTracking()
            .Where(e => e.MunicipalityCode == code && e.ItemId == itemId && e.Status != "Approved").ToListAsync(ct);
        var evaluation = await db.Evaluations.AsNoTracking()
            .Where(e => e.MunicipalityCode == code && e.ItemId == itemId && e.FiscalYear == year && !e.Deleted)
            .OrderByDescending(e => e.AsOf).FirstOrDefaultAsync(ct);
        asOf.AddRange([.. hierarchy.Select(n => (DateTimeOffset?)n.AsOf), .. lines.Select(l => (DateTimeOffset?)l.AsOf),
            .. staff.Values.Select(s => (DateTimeOffset?)s.AsOf),
            .. adjustments.Select(a => (DateTimeOffset?)a.AsOf), .. pending.Select(e => (DateTimeOffset?)e.AsOf), evaluation?.AsOf]);

        var sheet = new EvaluationSheet(
            $"自治体コード {code}",
            year,
            Japanese.FiscalYearLabel(year),
            hierarchy.Select(n => string.Join(" ", new[] { n.LevelName, n.Code, n.Title }.Where(p => p.Length > 0))).ToList(),
            Particulars(item, lines.FirstOrDefault(l => l.FiscalYear == year) ?? lines.FirstOrDefault(), year),
            years.Select(y => Cost(y, lines.Where(l => l.FiscalYear == y).ToList(), staff.GetValueOrDefault(y))).ToList(),
            item.Indicators.Select(i => new SheetIndicator(Labels.IndicatorKind(i.Row.Kind), i.Row.Name, i.Row.Unit,
                years.Select(y => (Number(i.Target(y)), SheetWords.Actual(Number(i.Actual(y)),
                    pending.FirstOrDefault(e => e.IndicatorId == i.Row.IndicatorId && e.FiscalYear == y) is { } p ? p.Status : null,
                    Number(pending.FirstOrDefault(e => e.IndicatorId == i.Row.IndicatorId && e.FiscalYear == y)?.Value)))).ToList()))
                        .ToList(),
            adjustments.Where(a => years.Contains(a.FiscalYear)).Select(a => SheetWords.BudgetNote(a.Kind, a.FiscalYear, a.CostYen,
                a.CounterpartLineId is { } other ? counterparts.GetValueOrDefault(other) ?? other.ToString() : "", a.Reason)).ToList(),
            evaluation is null ? null : Evaluation(evaluation));
        return (sheet, asOf.Max());
    }

    private static List<PrintField> Particulars(LoadedItem loaded, BudgetLineRow? line, int year)
    {
        var item = loaded.Row;
        return
        [
            new("事務事業名", item.Title), new("新規・継続", Labels.Novelty(item.Novelty)),
            new("会計・款・項・目", line?.AccountPath ?? ""), new("所管課", string.Join("・", loaded.Departments.Select(d => d.Name))),
            new("事業概要", item.Content), new("施策内順位", Labels.Rank(item.Rank, item.RankOf)),
            new("目的", item.Purpose), new("市長公約事項", Labels.MayoralPledge(item.MayoralPledge)),
            new($"{Japanese.FiscalYearLabel(year)}の目標", loaded.YearlyGoals.FirstOrDefault(g => g.FiscalYear == year)?.Text ?? ""),
            new("特記事項", item.SpecialNotes),
        ];
    }

    private static SheetCostYear Cost(int year, List<BudgetLineRow> lines, StaffYear? staff) => new(
        Japanese.FiscalYearLabel(year), lines.Sum(l => l.CostYen), lines.Sum(l => l.NationalPrefecturalYen), lines.Sum(l => l.LocalBondYen),
        lines.Sum(l => l.OtherYen), lines.Sum(l => l.GeneralRevenueYen),
        staff is null ? "" : Number(staff.PersonYears), staff?.YenPerPersonYear ?? 0, staff?.StaffCostYen);

    private static SheetEvaluation Evaluation(EvaluationRow e) => new(
        e.Necessity, e.NecessityReason, e.Effectiveness, e.EffectivenessReason, e.Efficiency, e.EfficiencyReason, e.Direction,
        e.DirectionReason, SheetWords.ReviewStatus(e.Status), e.EvaluatorDepartmentName, e.EvaluatedBy, e.SubmittedBy, e.ReviewedBy,
        e.ReviewedAt is { } at ? at.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "", e.Comment);

    /// <summary>A value as written: 0.8, 300, 12.5 (no trailing zeros); "" for none.</summary>
    private static string Number(decimal? value) =>
        value is { } v ? (v / 1.0000000000m).ToString("0.##########", CultureInfo.InvariantCulture) : "";
}
