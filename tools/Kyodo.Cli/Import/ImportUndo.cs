using Grpc.Core;
using Kyodo.Cli.Export;
using Kyodo.Plan.V1;

namespace Kyodo.Cli.Import;

/// <summary>
/// What one document's import has written, to take back when a later part of it fails:
/// records it created are deleted (which leaves the services as they were: the plan with its
/// items and history, budget lines, priority goals), priority goals it updated get their earlier
/// text back (a new version of the same goal). What cannot be taken back is named: a held budget
/// year it revised (a line's stage only moves forward and every stage is kept) and a program
/// ImportProgram wrote (its recorded applications are history). The importer writes those last.
/// </summary>
internal sealed class ImportUndo(ServiceReader services, CliConsole console)
{
    private readonly List<(string What, Func<Task> Undo)> _steps = [];
    private readonly List<string> _kept = [];

    public int Count => _steps.Count;

    public void PlanCreated(string planId, string name) => _steps.Add(($"plan {name}", async () =>
    {
        var plan = (await services.Plans.GetPlanAsync(new GetPlanRequest { Id = planId }, cancellationToken: CancellationToken.None)).Plan;
        await services.Plans.DeletePlanAsync(new DeletePlanRequest { Id = plan.Id, Version = plan.Version }, cancellationToken: CancellationToken.None);
    }));

    public void LineCreated(string lineId, int fiscalYear) => _steps.Add(($"budget line FY{fiscalYear}", async () =>
    {
        var line = (await services.Budgets.GetBudgetLineAsync(new() { Id = lineId }, cancellationToken: CancellationToken.None)).Line;
        await services.Budgets.DeleteBudgetLineAsync(new() { Id = line.Id, Version = line.Version }, cancellationToken: CancellationToken.None);
    }));

    public void GoalCreated(string goalId, string what) => _steps.Add((what, async () =>
    {
        var goal = (await services.Plans.GetPriorityGoalAsync(new() { Id = goalId }, cancellationToken: CancellationToken.None)).Goal;
        await services.Plans.DeletePriorityGoalAsync(new() { Id = goal.Id, Version = goal.Version }, cancellationToken: CancellationToken.None);
    }));

    /// <summary>A held goal this import updated: restored with its text before the update.</summary>
    public void GoalUpdated(PriorityGoal before, string what) => _steps.Add(($"{what} (its earlier text)", async () =>
    {
        var goal = (await services.Plans.GetPriorityGoalAsync(new() { Id = before.Id }, cancellationToken: CancellationToken.None)).Goal;
        await services.Plans.UpdatePriorityGoalAsync(new UpdatePriorityGoalRequest { Id = goal.Id, Version = goal.Version, Goal = InputOf(before) },
            cancellationToken: CancellationToken.None);
    }));

    /// <summary>A write that stays if a later part fails: told then, so the operator knows what changed.</summary>
    public void Kept(string what) => _kept.Add(what);

    public async Task RunAsync(string file)
    {
        if (_steps.Count > 0) console.Progress($"  failed: undoing what {file} wrote ({_steps.Count} records)");
        for (var i = _steps.Count - 1; i >= 0; i--)
        {
            try { await _steps[i].Undo(); }
            catch (RpcException e) { console.Progress($"  could not undo {_steps[i].What}: {e.StatusCode}: {e.Status.Detail}"); }
        }
        foreach (var what in _kept) console.Progress($"  kept (cannot be undone): {what}");
    }

    private static PriorityGoalInput InputOf(PriorityGoal goal) => new()
    {
        MunicipalityCode = goal.MunicipalityCode,
        Department = goal.Department.Name,
        FiscalYear = goal.FiscalYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Position = goal.Position,
        Title = goal.Title,
        Description = goal.Description,
        Items = { goal.Items },
    };
}
