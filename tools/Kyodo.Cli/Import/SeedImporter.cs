using Kyodo.Cli.Export;
using Kyodo.Cli.Seed;
using Kyodo.Plan.V1;
using Kyodo.Subsidy.V1;

namespace Kyodo.Cli.Import;

/// <summary>
/// Writes validated seed documents through the services' batch APIs: a plan with ImportPlan
/// (one transaction; its target revisions and noted actuals replayed after), budget sheets with
/// UpsertItemSheet, priority goals by department, year and position, subsidy programs with
/// ImportProgram. What is already as the file says is left alone, so a second import changes
/// nothing. Each document is written all or nothing as far as the services allow, in an order
/// that makes that hold (<see cref="ImportAsync"/>); every refusal names the file and line the
/// refused request came from.
/// </summary>
internal sealed class SeedImporter(ServiceReader services, CliConsole console, IReadOnlyDictionary<string, string> heldItems)
{
    private readonly Dictionary<string, string> _itemIds = new(heldItems);
    // Plans preflight found held and equal to their file ("municipality/name"): left alone.
    private readonly HashSet<string> _heldPlans = [];
    private readonly CancellationToken _ct = services.Cancellation;

    public ImportTally Tally { get; } = new();

    /// <summary>
    /// Before anything is written: a plan that exists already must say what the file says (an
    /// import never overwrites a plan people may have changed since), and a held budget year the
    /// file changes must be one the budget service will revise. Returns the problems.
    /// </summary>
    public async Task<List<string>> PreflightAsync(IReadOnlyList<SeedDocument> documents)
    {
        var problems = new List<string>();
        foreach (var document in documents)
        {
            var existing = await services.PlansAsync(document.Municipality.Code);
            foreach (var plan in document.Plans)
            {
                var held = existing.FirstOrDefault(p => p.Name == plan.Name.Trim());
                if (held is null) continue;
                var (heldPlan, _) = await ProtoToSeed.PlanAsync(services, held, plan.Id);
                var differences = SeedCanonical.Differences(SeedCanonical.Plan(plan), SeedCanonical.Plan(heldPlan), "plan", max: 5);
                if (differences.Count > 0)
                    problems.Add($"{document.File}:{plan.Line}:1: plan '{plan.Name}' exists in {document.Municipality.Code} and differs "
                        + $"from the file "
                        + $"({string.Join("; ", differences)}); delete it first to import it again");
                else
                {
                    MapItems(plan, await services.ItemsAsync(document.Municipality.Code, held.Id));
                    _heldPlans.Add($"{document.Municipality.Code}/{plan.Name.Trim()}");
                }
            }
            foreach (var sheet in document.BudgetSheets.Where(s => _itemIds.ContainsKey(s.Item)))
                problems.AddRange(HeldSheetChecks.Problems(document.File, sheet,
                    await services.LinesAsync(document.Municipality.Code, _itemIds[sheet.Item])));
        }
        return problems;
    }

    /// <summary>
    /// One document, all or nothing as far as the services allow. What can be taken back exactly
    /// is written first: new plans, new budget years, new priority goals (undone by deleting
    /// them). Then each program is checked by ImportProgram with validate_only against what is
    /// held. Last come the writes that cannot be taken back: updated goals, revised budget years
    /// and the imports of the programs the check found changing. So a refusal the services can
    /// foresee undoes everything; from the first of those last writes on, a failure (a service
    /// going away, a concurrent change, a lost answer) deletes nothing, names what is held and
    /// leaves the rest to a re-run (see <see cref="ImportUndo"/>).
    /// </summary>
    public async Task ImportAsync(SeedDocument document)
    {
        var undo = new ImportUndo(services, console);
        try
        {
            foreach (var plan in document.Plans) await ImportPlanAsync(document, plan, undo);
            var revisions = await CreateBudgetYearsAsync(document, undo);
            var goalUpdates = await CreateGoalsAsync(document, undo);
            var programs = new List<(ImportProgramRequest Request, SourceLines Lines, string Name)>();
            foreach (var program in document.SubsidyPrograms)
            {
                var (request, lines) =
                    ProgramRequest.For(document.File, document.Municipality.Code, program, await ProgramLinesAsync(document, program));
                var check = await lines.CallAsync(() => services.Subsidies.ImportProgramAsync(
                    new ImportProgramRequest(request) { ValidateOnly = true }, cancellationToken: _ct).ResponseAsync);
                if (check.Changed) programs.Add((request, lines, program.Name));
                else
                {
                    // Already as the file gives it: nothing to write, so nothing that cannot be taken back.
                    Tally.ProgramsUnchanged++;
                    console.Progress($"  subsidy program {program.Name}: unchanged");
                }
            }
            foreach (var update in goalUpdates) await update(undo);
            foreach (var revise in revisions) await revise(undo);
            foreach (var (request, lines, name) in programs)
            {
                var response = await undo.IrreversibleAsync($"subsidy program {name}",
                    () => lines.CallAsync(() => services.Subsidies.ImportProgramAsync(request, cancellationToken: _ct).ResponseAsync),
                    r => r.Changed ? $"subsidy program {name} (imported, {r.ApplicationsRecorded} applications recorded)" : null);
                if (response.Changed) Tally.ProgramsChanged++;
                else Tally.ProgramsUnchanged++;
                Tally.ApplicationsRecorded += response.ApplicationsRecorded;
                console.Progress($"  subsidy program {name}: "
                    + $"{(response.Changed ? $"imported, {response.ApplicationsRecorded} applications recorded" : "unchanged")}");
            }
        }
        catch
        {
            await undo.RunAsync(document.File);
            throw;
        }
    }

    private async Task ImportPlanAsync(SeedDocument document, SeedPlan plan, ImportUndo undo)
    {
        if (_heldPlans.Contains($"{document.Municipality.Code}/{plan.Name.Trim()}"))
        {
            // Preflight found it held and equal to the file, and mapped its items.
            Tally.PlansUnchanged++;
            console.Progress($"  plan {plan.Name}: already imported, unchanged");
            return;
        }
        var lines = new SourceLines(document.File, plan.Line,
            plan.Items.Select((item, i) => ($"items[{i}]", item.Line)).ToDictionary(x => x.Item1, x => x.Line));
        var imported = await lines.CallAsync(
            () => services.Plans.ImportPlanAsync(SeedToProto.Plan(document.Municipality, plan), cancellationToken: _ct).ResponseAsync);
        undo.PlanCreated(imported.Plan.Id, plan.Name);
        var items = await services.ItemsAsync(document.Municipality.Code, imported.Plan.Id);
        MapItems(plan, items);
        await PlanHistory.ReplayAsync(services, document.File, plan, items, console);
        Tally.PlansCreated++;
        Tally.Items += imported.ItemCount;
        console.Progress($"  plan {plan.Name}: {imported.NodeCount} nodes, {imported.ItemCount} items imported");
    }

    private void MapItems(SeedPlan plan, IReadOnlyList<Item> items)
    {
        if (items.Count != plan.Items.Count)
            throw new DataException($"plan '{plan.Name}' holds {items.Count} items, the file {plan.Items.Count}");
        for (var i = 0; i < items.Count; i++) _itemIds[plan.Items[i].Id] = items[i].Id;
    }

    /// <summary>
    /// Creates the sheets' years no line exists for yet; returns the calls that send the years
    /// held already (revised where the file differs, else left alone), for after the checks.
    /// </summary>
    private async Task<List<Func<ImportUndo, Task>>> CreateBudgetYearsAsync(SeedDocument document, ImportUndo undo)
    {
        var code = document.Municipality.Code;
        var later = new List<Func<ImportUndo, Task>>();
        foreach (var sheet in document.BudgetSheets)
        {
            var itemId = _itemIds[sheet.Item];
            var heldYears = (await services.LinesAsync(code, itemId)).Select(l => l.FiscalYear).ToHashSet();
            var created = sheet with { Years = sheet.Years.Where(y => !heldYears.Contains(y.FiscalYear)).ToList() };
            var held = sheet with { Years = sheet.Years.Where(y => heldYears.Contains(y.FiscalYear)).ToList() };
            if (created.Years.Count > 0)
            {
                var response = await SheetLines(document.File, created).CallAsync(() =>
                    services.Budgets.UpsertItemSheetAsync(SeedToProto.Sheet(code, itemId, created), cancellationToken: _ct).ResponseAsync);
                foreach (var line in response.Lines) undo.LineCreated(line.Id, sheet.Item, line.FiscalYear);
                Tally.LinesCreated += response.Created;
            }
            if (held.Years.Count > 0)
                later.Add(async u =>
                {
                    var response = await u.IrreversibleAsync($"the held budget years of item '{sheet.Item}'",
                        () => SheetLines(document.File, held).CallAsync(() =>
                        services.Budgets.UpsertItemSheetAsync(SeedToProto.Sheet(code, itemId, held), cancellationToken: _ct).ResponseAsync),
                        r => r.Revised > 0 ? $"{r.Revised} budget years of item '{sheet.Item}' revised" : null);
                    Tally.LinesRevised += response.Revised;
                    Tally.LinesUnchanged += response.Unchanged;
                });
        }
        if (document.BudgetSheets.Count > 0) console.Progress($"  budget: {document.BudgetSheets.Count} sheets");
        return later;
    }

    private static SourceLines SheetLines(string file, SeedBudgetSheet sheet) =>
        new(file, sheet.Line, sheet.Years.Select((y, i) => ($"years[{i}]", y.Line)).ToDictionary(x => x.Item1, x => x.Line));

    /// <summary>Creates the goals not held yet; returns the updates of held goals the file changes, for after the checks.</summary>
    private async Task<List<Func<ImportUndo, Task>>> CreateGoalsAsync(SeedDocument document, ImportUndo undo)
    {
        var code = document.Municipality.Code;
        var later = new List<Func<ImportUndo, Task>>();
        if (document.PriorityGoals.Count == 0) return later;
        var held = await services.GoalsAsync(code);
        foreach (var goal in document.PriorityGoals)
        {
            var input = SeedToProto.Goal(code, goal);
            var lines = new SourceLines(document.File, goal.Line);
            var what = $"priority goal {goal.Position} of {goal.Department} FY{goal.FiscalYear}";
            var existing = held.FirstOrDefault(
                g => g.Department.Name == goal.Department.Trim() && g.FiscalYear == goal.FiscalYear && g.Position == goal.Position);
            if (existing is null)
            {
                var created = (await lines.CallAsync(() =>
                    services.Plans.CreatePriorityGoalAsync(new CreatePriorityGoalRequest { Goal = input },
                        cancellationToken: _ct).ResponseAsync)).Goal;
                undo.GoalCreated(created.Id, what);
                Tally.GoalsCreated++;
            }
            else if (SeedCanonical.Differences(SeedCanonical.Goals([goal]), SeedCanonical.Goals([ProtoToSeed.Goal(existing)])).Count > 0)
                later.Add(async u =>
                {
                    await u.IrreversibleAsync($"the update of {what}", () => lines.CallAsync(() => services.Plans.UpdatePriorityGoalAsync(
                        // "*": the goal becomes what the document says, fields it leaves empty included.
                        new UpdatePriorityGoalRequest
                        {
                            Id = existing.Id, Version = existing.Version, Goal = input,
                            UpdateMask = new() { Paths = { "*" } }
                        },
                        cancellationToken: _ct).ResponseAsync),
                        _ => $"{what} (updated)");
                    Tally.GoalsUpdated++;
                });
            else Tally.GoalsUnchanged++;
        }
        console.Progress($"  priority goals: {document.PriorityGoals.Count}");
        return later;
    }

    /// <summary>The budget line a program spends each year: the one line of its item in that year.</summary>
    private async Task<List<ProgramBudgetLine>> ProgramLinesAsync(SeedDocument document, SeedProgram program)
    {
        var lines = new List<ProgramBudgetLine>();
        foreach (var line in program.BudgetLines)
        {
            var held = await services.LinesAsync(document.Municipality.Code, _itemIds[line.Item], line.FiscalYear);
            if (held.Count != 1)
                throw new DataException($"{document.File}:{line.Line}:1: item '{line.Item}' has {held.Count} budget lines in "
                    + $"FY{line.FiscalYear}; program {program.Name} needs exactly one");
            lines.Add(new ProgramBudgetLine { FiscalYear = line.FiscalYear, BudgetLineId = held[0].Id });
        }
        return lines;
    }
}

/// <summary>What an import did, for its closing line (and for tests: a second import must be all "unchanged").</summary>
internal sealed class ImportTally
{
    public int PlansCreated { get; set; }
    public int PlansUnchanged { get; set; }
    public int Items { get; set; }
    public int LinesCreated { get; set; }
    public int LinesRevised { get; set; }
    public int LinesUnchanged { get; set; }
    public int GoalsCreated { get; set; }
    public int GoalsUpdated { get; set; }
    public int GoalsUnchanged { get; set; }
    public int ProgramsChanged { get; set; }
    public int ProgramsUnchanged { get; set; }
    public int ApplicationsRecorded { get; set; }

    public bool ChangedAnything => PlansCreated + LinesCreated + LinesRevised + GoalsCreated + GoalsUpdated + ProgramsChanged > 0;

    public override string ToString() =>
        $"plans: {PlansCreated} created ({Items} items), {PlansUnchanged} unchanged; budget lines: {LinesCreated} created, "
        + $"{LinesRevised} revised, "
        + $"{LinesUnchanged} unchanged; priority goals: {GoalsCreated} created, {GoalsUpdated} updated, {GoalsUnchanged} unchanged; "
        + $"subsidy programs: {ProgramsChanged} imported ({ApplicationsRecorded} applications recorded), {ProgramsUnchanged} unchanged";
}
