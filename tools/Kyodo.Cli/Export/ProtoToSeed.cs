using System.Globalization;
using Kyodo.Cli.Import;
using Kyodo.Cli.Seed;
using Kyodo.Plan.V1;
using Kyodo.Subsidy.V1;

namespace Kyodo.Cli.Export;

/// <summary>
/// What the services hold → seed records, the inverse of <see cref="SeedToProto"/>. Amounts come
/// back as whole yen (printed in 千円 when they divide), fiscal years as Gregorian years, schedule
/// cells as their stages joined by ・; ids are made up from the plan's (the services keep none).
/// </summary>
internal static class ProtoToSeed
{
    public static async Task<(SeedPlan Plan, Dictionary<string, string> SlugByItemId)> PlanAsync(ServiceReader services, Plan.V1.Plan plan,
        string slug)
    {
        var nodes = await services.NodesAsync(plan.Id);
        var items = await services.ItemsAsync(plan.MunicipalityCode, plan.Id);
        var byId = nodes.ToDictionary(n => n.Id);
        List<SeedNode> Children(string parentId) => nodes.Where(n => n.ParentId == parentId).OrderBy(n => n.Position)
            .Select(n => new SeedNode(n.LevelName, n.Code, n.Title, Children(n.Id))).ToList();
        List<string> PathOf(string nodeId)
        {
            var path = new List<string>();
            for (var node = byId[nodeId]; ; node = byId[node.ParentId])
            {
                path.Insert(0, node.Code);
                if (string.IsNullOrEmpty(node.ParentId)) return path;
            }
        }

        var slugs = new Dictionary<string, string>();
        var seedItems = new List<SeedItem>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var itemSlug = $"{slug}-{i + 1:000}";
            slugs[item.Id] = itemSlug;
            var f = item.Fields;
            seedItems.Add(new SeedItem(itemSlug, f.Title, SeedToProto.Novelties.Single(n => n.Value == f.Novelty).Key,
                item.Departments.Count > 0 ? item.Departments.Select(d => d.Name).ToList() : f.Departments.ToList(),
                f.ImplementingBodies.ToList(),
                f.TargetStakeholders.Select(s => SeedToProto.Stakeholders.Single(x => x.Value == s).Key).ToList(),
                f.TargetOther, f.Purpose, f.CurrentState, f.Content, f.CompletionCriterion, f.ExpectedEffects,
                f.Rank is null || f.Rank.Rank == 0 ? null : new SeedRank(f.Rank.Rank, f.Rank.Of),
                SeedToProto.Pledges.Single(p => p.Value == f.MayoralPledge).Key, f.LinkedPlans.ToList(),
                item.YearlyGoals.Select(g => new SeedYearText(g.FiscalYear, g.Text)).ToList(), f.SpecialNotes,
                item.Placements.OrderByDescending(p => p.Primary).Select(p => new SeedPlacement(PathOf(p.NodeId), p.Code, "")).ToList(),
                item.Schedule.Select(r => new SeedScheduleRow(r.Label,
                    r.Cells.Select(c => new SeedCell(c.FiscalYear, string.Join("・", c.Stages))).ToList())).ToList(),
                item.Indicators.OrderBy(x => x.Position).Select(Indicator).ToList()));
        }
        return (new SeedPlan(slug, plan.Name, plan.StartFiscalYear, plan.EndFiscalYear, Children(""), seedItems, 0), slugs);
    }

    private static SeedIndicator Indicator(Indicator indicator) => new(
        SeedToProto.IndicatorKinds.Single(k => k.Value == indicator.Kind).Key, indicator.Name, indicator.Unit,
        SeedToProto.Directions.Single(d => d.Value == indicator.Direction).Key,
        indicator.BaselineValue.Length == 0 ? null
            : new SeedBaseline(indicator.BaselineFiscalYear == 0 ? null : indicator.BaselineFiscalYear, Decimal(indicator.BaselineValue)),
        indicator.Targets.OrderBy(t => t.FiscalYear).Select(t => new SeedYearValue(t.FiscalYear, Decimal(t.Value))).ToList(),
        indicator.Actuals.OrderBy(a => a.FiscalYear).Select(a => new SeedActual(a.FiscalYear, Decimal(a.Value), a.Note)).ToList(),
        indicator.Revisions.Select(r => new SeedRevision(r.FiscalYear, r.PreviousValue.Length == 0 ? null : Decimal(r.PreviousValue),
            Decimal(r.NewValue), r.Reason)).ToList());

    private static decimal Decimal(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    /// <summary>Yen as a document prints it: in 千円 when it divides, else in yen.</summary>
    public static SeedAmount Amount(long yen) => new(
        yen % 1000 == 0 ? (yen / 1000).ToString("N0", CultureInfo.InvariantCulture) + "千円"
            : yen.ToString("N0", CultureInfo.InvariantCulture) + "円", yen);

    /// <summary>One sheet per item, account and stage, its years in order.</summary>
    public static List<SeedBudgetSheet> Sheets(IEnumerable<Budget.V1.BudgetLine> lines, IReadOnlyDictionary<string, string> slugByItemId) =>
        lines.Where(l => slugByItemId.ContainsKey(l.ItemId))
            .GroupBy(l => (l.ItemId, Account: l.Account.ToString(), l.Stage, l.SupplementaryNumber))
            .Select(g =>
            {
                var account = g.First().Account;
                SeedAccountLevel Level(Budget.V1.AccountLevel? level) => new(level?.Number ?? "", level?.Name ?? "");
                return new SeedBudgetSheet(slugByItemId[g.Key.ItemId],
                    new SeedAccount("", Level(account?.Account), Level(account?.Section), Level(account?.Item), Level(account?.Subitem)),
                    SeedToProto.BudgetStages.Single(s => s.Value == g.Key.Stage).Key, g.Key.SupplementaryNumber,
                    // A sheet states its stage's amounts: 繰越・流用・予備費充用 are not part of the seed format.
                    g.OrderBy(l => l.FiscalYear).Select(l => (l.FiscalYear, Funding: l.StageFunding ?? l.Funding))
                        .Select(l => new SeedBudgetYear(
                        l.FiscalYear,
                        Amount(l.Funding.CostYen), Amount(l.Funding.NationalPrefecturalYen), Amount(l.Funding.LocalBondYen),
                        Amount(l.Funding.OtherYen), Amount(l.Funding.GeneralRevenueYen))).ToList(), 0);
            }).ToList();

    public static SeedPriorityGoal Goal(PriorityGoal goal) => new(goal.Department.Name, goal.FiscalYear, goal.Position, goal.Title,
        goal.Description, goal.Items.Select(i => new SeedGoalItem(i.Number, i.Text, i.Target, i.Achievement)).ToList());

    /// <summary>
    /// A program with its courses, the items whose lines it spends, and its results rows: per
    /// course and year the figures its applications give (what ImportProgram recorded, or real
    /// applications), printed as they were imported (applications only where the document printed
    /// them, the split of awards where it did, the notes), and each year's totals row that had a note.
    /// </summary>
    public static SeedProgram Program(Subsidy.V1.Program program, IReadOnlyList<Application> applications, string slug,
        IReadOnlyDictionary<string, string> slugByLineId)
    {
        var courseNames = program.Courses.ToDictionary(c => c.Id, c => c.Name);
        var printed = program.PrintedResults.ToDictionary(r => (r.FiscalYear, r.Course));
        var rows = applications.GroupBy(a => (a.FiscalYear, Course: courseNames[a.CourseId])).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var key in printed.Keys.Where(k => k.Course.Length > 0 && !rows.ContainsKey(k))) rows[key] = [];
        var results = new List<SeedResult>();
        foreach (var year in rows.Keys.Select(k => k.FiscalYear).Concat(printed.Keys.Select(k => k.FiscalYear)).Distinct().Order())
        {
            if (printed.TryGetValue((year, ""), out var totals))
                results.Add(new SeedResult(year, "", null, null, null, null, null, totals.Note));
            foreach (var course in program.Courses.Select(c => c.Name).Where(c => rows.ContainsKey((year, c))))
            {
                var of = rows[(year, course)];
                var awarded = of.Where(
                    a => a.Status is ApplicationStatus.Awarded or ApplicationStatus.Reported or ApplicationStatus.Settled).ToList();
                var row = printed.GetValueOrDefault((year, course));
                // Real applications are counted as they are; a recorded row gives its count only if the document printed one.
                int? applied = row is null || row.ApplicationsPrinted ? of.Count : null;
                var split = awarded.Any(a => a.ProjectKind != ProjectKind.Unspecified);
                results.Add(new SeedResult(year, course, applied, awarded.Count,
                    split ? awarded.Count(a => a.ProjectKind == ProjectKind.New) : null,
                    split ? awarded.Count(a => a.ProjectKind == ProjectKind.Continuing) : null,
                    awarded.Count > 0 ? Amount(awarded.Sum(a => a.AwardedYen)) : null, row?.Note ?? ""));
            }
        }
        return new SeedProgram(slug, program.Name, program.Description,
            program.BudgetLines.Where(l => slugByLineId.ContainsKey(l.BudgetLineId)).OrderBy(l => l.FiscalYear)
                .Select(l => new SeedProgramLine(l.FiscalYear, slugByLineId[l.BudgetLineId], 0)).ToList(),
            program.Courses.Select(c => new SeedCourse(c.Name, c.CapYen == 0 ? null : Amount(c.CapYen), c.OncePerApplicant, c.RoundsPerYear,
                c.AcceptsNewProjects, c.AcceptsContinuingProjects, c.EligibilityNotes)).ToList(),
            results, 0);
    }
}
