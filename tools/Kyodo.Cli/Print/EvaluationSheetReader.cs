using System.Globalization;
using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Japanese;
using Kyodo.Plan.V1;
using Kyodo.Printing;

namespace Kyodo.Cli.Print;

/// <summary>
/// Gathers one item's 事務事業評価シート for a fiscal year from the plan and budget services: the
/// years printed are the plan's period (as seed 000's form prints three), the evaluation that of the
/// year asked, and the budget notes the 繰越・流用・予備費充用 of the item's lines in those years.
/// </summary>
internal sealed class EvaluationSheetReader(CallInvoker invoker, CancellationToken ct)
{
    private readonly PlanService.PlanServiceClient _plans = new(invoker);
    private readonly BudgetService.BudgetServiceClient _budget = new(invoker);

    public async Task<EvaluationSheet> ReadAsync(string code, string itemNameOrId, int year)
    {
        var item = await FindItemAsync(code, itemNameOrId);
        var plan = (await _plans.GetPlanAsync(new GetPlanRequest { Id = item.PlanId }, cancellationToken: ct)).Plan;
        var nodes =
            (await _plans.ListNodesAsync(new ListNodesRequest { PlanId = plan.Id }, cancellationToken: ct)).Nodes.ToDictionary(n => n.Id);
        var years = Enumerable.Range(plan.StartFiscalYear, plan.EndFiscalYear - plan.StartFiscalYear + 1).ToList();
        if (!years.Contains(year))
            throw new DataException($"FY{year} lies outside the plan's period FY{plan.StartFiscalYear}–FY{plan.EndFiscalYear}");

        var lines = (await _budget.ListBudgetLinesAsync(
            new ListBudgetLinesRequest { MunicipalityCode = code, ItemId = item.Id, Page = new() { PageSize = 500 } },
            cancellationToken: ct)).Lines.ToList();
        var fullCost = (await _budget.GetFullCostAsync(new GetFullCostRequest
        {
            MunicipalityCode = code, ItemId = item.Id, FiscalYearFrom = plan.StartFiscalYear, FiscalYearTo = plan.EndFiscalYear,
        }, cancellationToken: ct)).Years;
        var evaluation = (await _plans.ListEvaluationsAsync(
            new ListEvaluationsRequest
            {
                MunicipalityCode = code, ItemId = item.Id,
                FiscalYear = year.ToString(CultureInfo.InvariantCulture)
            },
            cancellationToken: ct)).Evaluations.FirstOrDefault();

        var notes = new List<string>();
        foreach (var line in lines.Where(l => years.Contains(l.FiscalYear)).OrderBy(l => l.FiscalYear))
        {
            var history = (await _budget.GetBudgetLineHistoryAsync(new GetBudgetLineHistoryRequest { Id = line.Id },
                cancellationToken: ct)).Revisions;
            notes.AddRange(history.Where(r => r.Stage is BudgetStage.Carryover or BudgetStage.Transfer or BudgetStage.ReserveFund)
                .Select(r => BudgetNote(line, r, lines)));
        }

        return new EvaluationSheet(
            $"自治体コード {code}",
            year,
            FiscalYearText.Display(year),
            Hierarchy(item, nodes),
            Particulars(item, lines.FirstOrDefault(l => l.FiscalYear == year) ?? lines.FirstOrDefault(), year),
            fullCost.Select(y => new SheetCostYear(FiscalYearText.Display(y.FiscalYear), y.ProjectCost.CostYen,
                y.ProjectCost.NationalPrefecturalYen,
                y.ProjectCost.LocalBondYen, y.ProjectCost.OtherYen, y.ProjectCost.GeneralRevenueYen, y.PersonYears, y.YenPerPersonYear,
                y.StaffCostKnown && y.PersonYears.Length > 0 ? y.StaffCostYen : null)).ToList(),
            item.Indicators.Select(i => new SheetIndicator(i.Kind == IndicatorKind.Outcome ? "成果" : "活動", i.Name, i.Unit,
                years.Select(y => (i.Targets.FirstOrDefault(t => t.FiscalYear == y)?.Value ?? "", Actual(i, y))).ToList())).ToList(),
            notes,
            evaluation is null ? null : Evaluation(evaluation));
    }

    private async Task<Item> FindItemAsync(string code, string nameOrId)
    {
        if (Guid.TryParse(nameOrId, out _))
            return (await _plans.GetItemAsync(new GetItemRequest { Id = nameOrId }, cancellationToken: ct)).Item;
        var found = (await _plans.ListItemsAsync(
            new ListItemsRequest { MunicipalityCode = code, Text = nameOrId, Page = new() { PageSize = 500 } },
            cancellationToken: ct)).Items.Where(i => i.Fields.Title == nameOrId).ToList();
        return found switch
        {
            [var one] => one,
            [] => throw new DataException($"no item titled '{nameOrId}' in municipality {code}"),
            _ => throw new DataException($"{found.Count} items are titled '{nameOrId}' in municipality {code}; give the item's id"),
        };
    }

    /// <summary>政策 6 …, 施策 6-1 …: the primary placement's node and those above it.</summary>
    private static List<string> Hierarchy(Item item, IReadOnlyDictionary<string, PlanNode> nodes)
    {
        var chain = new List<string>();
        var placement = item.Placements.FirstOrDefault(p => p.Primary);
        for (var id = placement?.NodeId; id is { Length: > 0 } && nodes.TryGetValue(id, out var node); id = node.ParentId)
            chain.Insert(0, string.Join(" ", new[] { node.LevelName, node.Code, node.Title }.Where(p => p.Length > 0)));
        return chain;
    }

    private static List<PrintField> Particulars(Item item, BudgetLine? line, int year)
    {
        var f = item.Fields;
        var account = line?.Account is { } a
            ? string.Join("・", new[] { a.Account, a.Section, a.Item, a.Subitem }.Select(l => l is null ? "" : $"{l.Number}{l.Name}")
                .Where(t => t.Length > 0))
            : "";
        return
        [
            new("事務事業名", f.Title), new("新規・継続", f.Novelty switch { ItemNovelty.New => "新規", ItemNovelty.Continuing => "継続", _ => "" }),
            new("会計・款・項・目", account), new("所管課", string.Join("・", f.Departments)),
            new("事業概要", f.Content), new("施策内順位", f.Rank is { } r ? $"{r.Rank}/{r.Of}" : "-"),
            new("目的", f.Purpose),
            new("市長公約事項",
                f.MayoralPledge switch { MayoralPledge.None => "無", MayoralPledge.Partly => "一部", MayoralPledge.Yes => "有", _ => "" }),
            new($"{FiscalYearText.Display(year)}の目標", item.YearlyGoals.FirstOrDefault(g => g.FiscalYear == year)?.Text ?? ""),
            new("特記事項", f.SpecialNotes),
        ];
    }

    /// <summary>The approved actual; a value still under review is shown apart, as not counted yet.</summary>
    private static string Actual(Indicator indicator, int year)
    {
        var approved = indicator.Actuals.FirstOrDefault(a => a.FiscalYear == year)?.Value ?? "";
        var pending = indicator.ActualEntries.FirstOrDefault(e => e.FiscalYear == year);
        return SheetWords.Actual(approved, pending?.Review.Status.ToString(), pending?.Value ?? "");
    }

    private static string BudgetNote(BudgetLine line, BudgetRevision revision, IReadOnlyList<BudgetLine> lines) =>
        SheetWords.BudgetNote(revision.Stage.ToString(), line.FiscalYear, revision.Difference.CostYen,
            lines.FirstOrDefault(l => l.Id == revision.CounterpartLineId)?.ItemTitle ?? revision.CounterpartLineId, revision.Reason);

    private static SheetEvaluation Evaluation(Evaluation e) => new(
        e.Content.Necessity, e.Content.NecessityReason, e.Content.Effectiveness, e.Content.EffectivenessReason,
        e.Content.Efficiency, e.Content.EfficiencyReason, e.Content.Direction, e.Content.DirectionReason,
        Status(e.Review.Status), e.EvaluatorDepartment?.Name ?? "", e.EvaluatedBy, e.Review.SubmittedBy, e.Review.ReviewedBy,
        e.Review.ReviewedAt is { } at
            ? at.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
        e.Review.Comment);

    private static string Status(ReviewStatus status) => SheetWords.ReviewStatus(status.ToString());
}
