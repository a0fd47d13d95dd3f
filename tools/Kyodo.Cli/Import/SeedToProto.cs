using System.Globalization;
using Kyodo.Budget.V1;
using Kyodo.Cli.Seed;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;

namespace Kyodo.Cli.Import;

/// <summary>Seed records → the services' request messages (the mapping data/seed/README.md tables give).</summary>
internal static class SeedToProto
{
    public static string Year(int fiscalYear) => fiscalYear.ToString(CultureInfo.InvariantCulture);
    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static readonly Dictionary<string, Stakeholder> Stakeholders = new()
    {
        ["citizens"] = Stakeholder.Citizens, ["local_community"] = Stakeholder.LocalCommunity, ["civic_groups"] = Stakeholder.CivicGroups,
        ["businesses"] = Stakeholder.Businesses, ["education"] = Stakeholder.Education, ["government"] = Stakeholder.Government,
        ["other"] = Stakeholder.Other,
    };
    public static readonly Dictionary<string, ItemNovelty> Novelties = new()
    {
        [""] = ItemNovelty.Unspecified, ["new"] = ItemNovelty.New, ["continuing"] = ItemNovelty.Continuing,
    };
    public static readonly Dictionary<string, MayoralPledge> Pledges = new()
    {
        [""] = MayoralPledge.Unspecified, ["none"] = MayoralPledge.None, ["partly"] = MayoralPledge.Partly, ["yes"] = MayoralPledge.Yes,
    };
    public static readonly Dictionary<string, IndicatorKind> IndicatorKinds = new()
    {
        ["activity"] = IndicatorKind.Activity, ["outcome"] = IndicatorKind.Outcome,
    };
    public static readonly Dictionary<string, IndicatorDirection> Directions = new()
    {
        ["higher_is_better"] = IndicatorDirection.HigherIsBetter, ["lower_is_better"] = IndicatorDirection.LowerIsBetter,
    };
    public static readonly Dictionary<string, BudgetStage> BudgetStages = new()
    {
        ["initial"] = BudgetStage.Initial, ["supplementary"] = BudgetStage.Supplementary, ["settled"] = BudgetStage.Settled,
    };

    public static ImportPlanRequest Plan(SeedMunicipality municipality, SeedPlan plan) => new()
    {
        Municipality = new MunicipalityRef { Code = municipality.Code, Name = municipality.Name },
        Name = plan.Name,
        StartFiscalYear = Year(plan.StartFiscalYear),
        EndFiscalYear = Year(plan.EndFiscalYear),
        Nodes = { plan.Nodes.Select(Node) },
        Items = { plan.Items.Select(Item) },
    };

    private static ImportNode Node(SeedNode node) => new()
    {
        LevelName = node.Level, Code = node.Code, Title = node.Title, Children = { node.Children.Select(Node) },
    };

    public static ItemFields Fields(SeedItem item)
    {
        var fields = new ItemFields
        {
            Title = item.Title,
            Novelty = Novelties[item.Novelty],
            Departments = { item.Departments },
            ImplementingBodies = { item.ImplementingBodies },
            TargetStakeholders = { item.TargetStakeholders.Select(s => Stakeholders[s]) },
            TargetOther = item.TargetOther,
            Purpose = item.Purpose,
            CurrentState = item.CurrentState,
            Content = item.Content,
            CompletionCriterion = item.CompletionCriterion,
            ExpectedEffects = item.ExpectedEffects,
            MayoralPledge = Pledges[item.MayoralPledge],
            LinkedPlans = { item.LinkedPlans },
            YearlyGoals = { item.YearlyGoals.Select(g => new YearlyGoalInput { FiscalYear = Year(g.FiscalYear), Text = g.Text }) },
            SpecialNotes = item.SpecialNotes,
        };
        if (item.Rank is { } rank) fields.Rank = new RankWithinMeasure { Rank = rank.Rank, Of = rank.Of };
        return fields;
    }

    /// <summary>
    /// An item for ImportPlan. A target that was revised is imported as it was before its first
    /// revision (or left out when the document does not print that), so the revisions replayed
    /// afterwards with ReviseTarget keep the history and end at the printed targets.
    /// </summary>
    private static ImportItem Item(SeedItem item) => new()
    {
        Fields = Fields(item),
        Placements = { item.Placements.Select(p => new ImportPlacement { NodePath = { p.NodePath }, Code = p.Code }) },
        Schedule =
        {
            item.Schedule.Select(row => new ScheduleRowInput
            {
                Label = row.Label,
                Cells = { row.Cells.Select(c => new ScheduleCellInput { FiscalYear = Year(c.FiscalYear), Text = c.Text }) },
            })
        },
        Indicators = { item.Indicators.Select(Indicator) },
    };

    private static IndicatorInput Indicator(SeedIndicator indicator)
    {
        var input = new IndicatorInput
        {
            Kind = IndicatorKinds[indicator.Kind],
            Name = indicator.Name,
            Unit = indicator.Unit,
            Direction = Directions[indicator.Direction],
            Actuals = { indicator.Actuals.Select(a => new YearValueInput { FiscalYear = Year(a.FiscalYear), Value = Number(a.Value) }) },
        };
        if (indicator.Baseline is { } baseline)
        {
            input.BaselineValue = Number(baseline.Value);
            if (baseline.FiscalYear is { } year) input.BaselineFiscalYear = Year(year);
        }
        foreach (var target in indicator.Targets)
        {
            var first = indicator.Revisions.FirstOrDefault(r => r.FiscalYear == target.FiscalYear);
            if (first is null) input.Targets.Add(new YearValueInput { FiscalYear = Year(target.FiscalYear), Value = Number(target.Value) });
            else if (first.PreviousValue is { } previous)
                input.Targets.Add(new YearValueInput { FiscalYear = Year(target.FiscalYear), Value = Number(previous) });
        }
        return input;
    }

    public static UpsertItemSheetRequest Sheet(string municipalityCode, string itemId, SeedBudgetSheet sheet) => new()
    {
        MunicipalityCode = municipalityCode,
        ItemId = itemId,
        Account = Account(sheet.Account),
        Stage = BudgetStages[sheet.Stage],
        SupplementaryNumber = sheet.SupplementaryNumber,
        Years =
        {
            sheet.Years.Select(y => new SheetYear
            {
                FiscalYear = y.FiscalYear, Cost = y.Cost.Printed, NationalPrefectural = y.NationalPrefectural.Printed,
                LocalBond = y.LocalBond.Printed, Other = y.Other.Printed, GeneralRevenue = y.GeneralRevenue.Printed,
            })
        },
    };

    public static AccountClassification Account(SeedAccount account) => new()
    {
        Account = Level(account.Account), Section = Level(account.Section), Item = Level(account.Item), Subitem = Level(account.Subitem),
    };

    private static AccountLevel Level(SeedAccountLevel level) => new() { Number = level.Number, Name = level.Name };

    public static PriorityGoalInput Goal(string municipalityCode, SeedPriorityGoal goal) => new()
    {
        MunicipalityCode = municipalityCode,
        Department = goal.Department,
        FiscalYear = Year(goal.FiscalYear),
        Position = goal.Position,
        Title = goal.Title,
        Description = goal.Description,
        Items = { goal.Items.Select(
            i => new PriorityGoalItem { Number = i.Number, Text = i.Text, Target = i.Target, Achievement = i.Achievement }) },
    };
}
