using Grpc.Core;
using Kyodo.Cli.Export;
using Kyodo.Cli.Seed;
using Kyodo.Plan.V1;
using Kyodo.Subsidy.V1;

namespace Kyodo.Cli.Import;

/// <summary>
/// Writes validated seed documents through the services' batch APIs: a plan with ImportPlan
/// (one transaction; its target revisions and noted actuals replayed after, and the plan deleted
/// again if any of them fails), budget sheets with UpsertItemSheet, priority goals by department,
/// year and position, subsidy programs with ImportProgram. What is already as the file says is
/// left alone, so a second import changes nothing. A document that fails part-way has what it
/// created undone (<see cref="ImportAsync"/>).
/// </summary>
internal sealed class SeedImporter(ServiceReader services, CliConsole console)
{
    private readonly Dictionary<string, string> _itemIds = new();
    private readonly CancellationToken _ct = services.Cancellation;

    public ImportTally Tally { get; } = new();

    /// <summary>
    /// Before anything is written: a plan that exists already must say what the file says (an
    /// import never overwrites a plan people may have changed since). Returns the problems.
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
                    problems.Add($"{document.File}:{plan.Line}:1: plan '{plan.Name}' exists in {document.Municipality.Code} and differs from the file "
                        + $"({string.Join("; ", differences)}); delete it first to import it again");
            }
        }
        return problems;
    }

    // What this document's import created, undone (newest first) if a later part of it fails.
    private readonly List<Func<Task>> _undo = [];

    /// <summary>
    /// One document, all or nothing as far as the services allow: a failure undoes what this
    /// document created (its new plans, budget lines and priority goals). A budget year revised
    /// or a goal updated over an earlier import is not rolled back (only validation-clean files
    /// get here, so what remains is a service refusing or going away mid-way).
    /// </summary>
    public async Task ImportAsync(SeedDocument document)
    {
        _undo.Clear();
        try
        {
            await ImportSectionsAsync(document);
        }
        catch
        {
            if (_undo.Count > 0) Progress($"  failed: undoing what {document.File} created ({_undo.Count} records)");
            for (var i = _undo.Count - 1; i >= 0; i--)
            {
                try { await _undo[i](); }
                catch (RpcException e) { Progress($"  could not undo a record: {e.Status.Detail}"); }
            }
            throw;
        }
    }

    private async Task ImportSectionsAsync(SeedDocument document)
    {
        var code = document.Municipality.Code;
        foreach (var plan in document.Plans) await ImportPlanAsync(document, plan);
        foreach (var sheet in document.BudgetSheets)
        {
            var itemId = _itemIds[sheet.Item];
            var held = (await services.LinesAsync(code, itemId)).Select(l => l.Id).ToHashSet();
            var response = await services.Budgets.UpsertItemSheetAsync(SeedToProto.Sheet(code, itemId, sheet), cancellationToken: _ct);
            foreach (var created in response.Lines.Where(l => !held.Contains(l.Id)))
                _undo.Add(async () =>
                {
                    var line = (await services.Budgets.GetBudgetLineAsync(new() { Id = created.Id }, cancellationToken: CancellationToken.None)).Line;
                    await services.Budgets.DeleteBudgetLineAsync(new() { Id = line.Id, Version = line.Version }, cancellationToken: CancellationToken.None);
                });
            Tally.LinesCreated += response.Created;
            Tally.LinesRevised += response.Revised;
            Tally.LinesUnchanged += response.Unchanged;
        }
        if (document.BudgetSheets.Count > 0) Progress($"  budget: {document.BudgetSheets.Count} sheets");
        if (document.PriorityGoals.Count > 0) await ImportGoalsAsync(code, document.PriorityGoals);
        foreach (var program in document.SubsidyPrograms) await ImportProgramAsync(code, program);
    }

    private async Task ImportPlanAsync(SeedDocument document, SeedPlan plan)
    {
        var code = document.Municipality.Code;
        var held = (await services.PlansAsync(code)).FirstOrDefault(p => p.Name == plan.Name.Trim());
        if (held is not null)
        {
            // Preflight found it equal to the file: only its items' ids are needed.
            MapItems(plan, await services.ItemsAsync(code, held.Id));
            Tally.PlansUnchanged++;
            Progress($"  plan {plan.Name}: already imported, unchanged");
            return;
        }

        var imported = await services.Plans.ImportPlanAsync(SeedToProto.Plan(document.Municipality, plan), cancellationToken: _ct);
        try
        {
            var items = await services.ItemsAsync(code, imported.Plan.Id);
            MapItems(plan, items);
            await ReplayHistoryAsync(plan, items);
        }
        catch
        {
            // All or nothing: the plan goes again when its history cannot be written.
            var current = await services.Plans.GetPlanAsync(new GetPlanRequest { Id = imported.Plan.Id }, cancellationToken: CancellationToken.None);
            await services.Plans.DeletePlanAsync(new DeletePlanRequest { Id = current.Plan.Id, Version = current.Plan.Version },
                cancellationToken: CancellationToken.None);
            throw;
        }
        _undo.Add(async () =>
        {
            var current = await services.Plans.GetPlanAsync(new GetPlanRequest { Id = imported.Plan.Id }, cancellationToken: CancellationToken.None);
            await services.Plans.DeletePlanAsync(new DeletePlanRequest { Id = current.Plan.Id, Version = current.Plan.Version },
                cancellationToken: CancellationToken.None);
        });
        Tally.PlansCreated++;
        Tally.Items += imported.ItemCount;
        Progress($"  plan {plan.Name}: {imported.NodeCount} nodes, {imported.ItemCount} items imported");
    }

    private void MapItems(SeedPlan plan, IReadOnlyList<Item> items)
    {
        if (items.Count != plan.Items.Count)
            throw new DataException($"plan '{plan.Name}' holds {items.Count} items, the file {plan.Items.Count}");
        for (var i = 0; i < items.Count; i++) _itemIds[plan.Items[i].Id] = items[i].Id;
    }

    /// <summary>Target revisions (oldest first) and actuals with a note: what ImportPlan cannot carry.</summary>
    private async Task ReplayHistoryAsync(SeedPlan plan, IReadOnlyList<Item> items)
    {
        // Each call is a write of its item and must name the item's current version, which each answer returns.
        var versions = items.Select(x => x.Version).ToArray();
        var calls = new List<Func<Task>>();
        for (var i = 0; i < items.Count; i++)
        {
            var itemIndex = i;
            var indicators = items[i].Indicators.OrderBy(x => x.Position).ToList();
            for (var k = 0; k < plan.Items[i].Indicators.Count; k++)
            {
                var id = indicators[k].Id;
                foreach (var revision in plan.Items[i].Indicators[k].Revisions)
                    calls.Add(async () => versions[itemIndex] = (await services.Plans.ReviseTargetAsync(new ReviseTargetRequest
                    {
                        IndicatorId = id, FiscalYear = SeedToProto.Year(revision.FiscalYear), Value = SeedToProto.Number(revision.Value), Reason = revision.Reason,
                        ItemVersion = versions[itemIndex],
                    }, cancellationToken: _ct)).ItemVersion);
                foreach (var actual in plan.Items[i].Indicators[k].Actuals.Where(a => a.Note.Length > 0))
                    calls.Add(async () => versions[itemIndex] = (await services.Plans.RecordActualAsync(new RecordActualRequest
                    {
                        IndicatorId = id, FiscalYear = SeedToProto.Year(actual.FiscalYear), Value = SeedToProto.Number(actual.Value), Note = actual.Note,
                        ItemVersion = versions[itemIndex],
                    }, cancellationToken: _ct)).ItemVersion);
            }
        }
        for (var c = 0; c < calls.Count; c++)
        {
            await calls[c]();
            if ((c + 1) % 20 == 0 || c + 1 == calls.Count) Progress($"  plan {plan.Name}: history {c + 1}/{calls.Count} (target revisions, noted actuals)");
        }
    }

    private async Task ImportGoalsAsync(string code, IReadOnlyList<SeedPriorityGoal> goals)
    {
        var held = await services.GoalsAsync(code);
        foreach (var goal in goals)
        {
            var input = SeedToProto.Goal(code, goal);
            var existing = held.FirstOrDefault(g => g.Department.Name == goal.Department.Trim() && g.FiscalYear == goal.FiscalYear && g.Position == goal.Position);
            if (existing is null)
            {
                var created = (await services.Plans.CreatePriorityGoalAsync(new CreatePriorityGoalRequest { Goal = input }, cancellationToken: _ct)).Goal;
                _undo.Add(async () =>
                {
                    var goal = (await services.Plans.GetPriorityGoalAsync(new() { Id = created.Id }, cancellationToken: CancellationToken.None)).Goal;
                    await services.Plans.DeletePriorityGoalAsync(new() { Id = goal.Id, Version = goal.Version }, cancellationToken: CancellationToken.None);
                });
                Tally.GoalsCreated++;
            }
            else if (SeedCanonical.Differences(SeedCanonical.Goals([goal]), SeedCanonical.Goals([ProtoToSeed.Goal(existing)])).Count > 0)
            {
                await services.Plans.UpdatePriorityGoalAsync(new UpdatePriorityGoalRequest { Id = existing.Id, Version = existing.Version, Goal = input },
                    cancellationToken: _ct);
                Tally.GoalsUpdated++;
            }
            else Tally.GoalsUnchanged++;
        }
        Progress($"  priority goals: {goals.Count}");
    }

    private async Task ImportProgramAsync(string code, SeedProgram program)
    {
        var request = new ImportProgramRequest { MunicipalityCode = code, Name = program.Name, Description = program.Description };
        request.Courses.AddRange(program.Courses.Select(c => new CourseInput
        {
            Name = c.Name, CapYen = c.Cap?.Yen ?? 0, OncePerApplicant = c.OncePerApplicant, RoundsPerYear = c.RoundsPerYear,
            AcceptsNewProjects = c.AcceptsNewProjects, AcceptsContinuingProjects = c.AcceptsContinuingProjects, EligibilityNotes = c.EligibilityNotes,
        }));
        foreach (var line in program.BudgetLines)
        {
            var lines = await services.LinesAsync(code, _itemIds[line.Item], line.FiscalYear);
            if (lines.Count != 1)
                throw new DataException($"item '{line.Item}' has {lines.Count} budget lines in FY{line.FiscalYear}; program {program.Name} needs exactly one");
            request.BudgetLines.Add(new ProgramBudgetLine { FiscalYear = line.FiscalYear, BudgetLineId = lines[0].Id });
        }
        request.Results.AddRange(SeedCanonical.CourseResults(program).Select(r => new ImportedCourseResult
        {
            FiscalYear = r.FiscalYear, Course = r.Course, Awards = r.Awards, Applications = r.Applications, AwardedYen = r.AwardedYen,
        }));
        var response = await services.Subsidies.ImportProgramAsync(request, cancellationToken: _ct);
        if (response.Changed) Tally.ProgramsChanged++;
        else Tally.ProgramsUnchanged++;
        Tally.ApplicationsRecorded += response.ApplicationsRecorded;
        Progress($"  subsidy program {program.Name}: {(response.Changed ? $"imported, {response.ApplicationsRecorded} applications recorded" : "unchanged")}");
    }

    private void Progress(string text) => console.Progress(text);
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
        $"plans: {PlansCreated} created ({Items} items), {PlansUnchanged} unchanged; budget lines: {LinesCreated} created, {LinesRevised} revised, "
        + $"{LinesUnchanged} unchanged; priority goals: {GoalsCreated} created, {GoalsUpdated} updated, {GoalsUnchanged} unchanged; "
        + $"subsidy programs: {ProgramsChanged} imported ({ApplicationsRecorded} applications recorded), {ProgramsUnchanged} unchanged";
}
