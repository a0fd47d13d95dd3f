using Grpc.Core;
using Kyodo.Cli.Export;

namespace Kyodo.Cli.Import;

/// <summary>
/// What one document's import has written, to take back when a later part of it fails, up to
/// the first write that cannot be taken back. Before it, records the document created are
/// deleted (the plan with its items and history, budget lines, priority goals), which leaves the
/// services as they were. Once such a write (an update of a held priority goal, a revision of a
/// held budget year, a program's ImportProgram) may have happened, nothing is deleted any more:
/// it may have committed even when its answer never came (a deadline, Ctrl+C, a service going
/// away), and a committed program spends from the budget lines created before it (its recorded
/// awards reserve nothing, so the budget service would let them be deleted under it). Only a
/// write the service refused (it writes nothing then) leaves the way back open: an answer of
/// "nothing changed" may come from a resend whose first attempt committed (kyodo resends these
/// writes after UNAVAILABLE, which can arrive after the service took the call). What is held is
/// then named, and a re-run completes the document: it finds those records as the file gives
/// them, leaves them alone and writes the rest.
/// </summary>
internal sealed class ImportUndo(ServiceReader services, CliConsole console)
{
    private readonly List<(string What, Func<Task> Undo)> _steps = [];
    private readonly List<string> _written = [];
    // Writes answered as changing nothing: a resend may have hidden a first attempt that did.
    private readonly List<string> _answeredUnchanged = [];
    // The write that cannot be taken back whose outcome is unknown (sent, no answer).
    private string? _inFlight;

    public void PlanCreated(string planId, string name) => _steps.Add(($"plan {name}", async () =>
    {
        var plan = (await services.Plans.GetPlanAsync(new() { Id = planId }, cancellationToken: CancellationToken.None)).Plan;
        await services.Plans.DeletePlanAsync(new() { Id = plan.Id, Version = plan.Version }, cancellationToken: CancellationToken.None);
    }
    ));

    public void LineCreated(string lineId, string item, int fiscalYear) =>
        _steps.Add(($"budget line FY{fiscalYear} of item '{item}'", async () =>
    {
        var line = (await services.Budgets.GetBudgetLineAsync(new() { Id = lineId }, cancellationToken: CancellationToken.None)).Line;
        await services.Budgets.DeleteBudgetLineAsync(new() { Id = line.Id, Version = line.Version },
            cancellationToken: CancellationToken.None);
    }
    ));

    public void GoalCreated(string goalId, string what) => _steps.Add((what, async () =>
    {
        var goal = (await services.Plans.GetPriorityGoalAsync(new() { Id = goalId }, cancellationToken: CancellationToken.None)).Goal;
        await services.Plans.DeletePriorityGoalAsync(new() { Id = goal.Id, Version = goal.Version },
            cancellationToken: CancellationToken.None);
    }
    ));

    /// <summary>
    /// Sends a write that cannot be taken back; once it may have happened, nothing of the document
    /// is deleted. <paramref name="wrote"/> says what the answer shows was written (null: nothing).
    /// </summary>
    public async Task<T> IrreversibleAsync<T>(string what, Func<Task<T>> write, Func<T, string?> wrote)
    {
        _inFlight = what;
        try
        {
            var answer = await write();
            _inFlight = null;
            if (wrote(answer) is { } written) _written.Add(written);
            else _answeredUnchanged.Add(what);
            return answer;
        }
        catch (Exception e) when (RefusedBeforeWriting(e))
        {
            _inFlight = null;
            throw;
        }
    }

    public async Task RunAsync(string file)
    {
        if (_written.Count > 0 || _answeredUnchanged.Count > 0 || _inFlight is not null)
        {
            Keep(file);
            return;
        }
        if (_steps.Count > 0) console.Progress($"  failed: undoing what {file} wrote ({_steps.Count} records)");
        for (var i = _steps.Count - 1; i >= 0; i--)
        {
            try { await _steps[i].Undo(); }
            catch (RpcException e) { console.Progress($"  could not undo {_steps[i].What}: {e.StatusCode}: {e.Status.Detail}"); }
        }
    }

    /// <summary>
    /// An answer saying the call was refused, so nothing of it was written (each of these writes is
    /// one transaction): a bad or conflicting request, a refused token, the gateway's rate limit.
    /// A service away, a deadline or an internal error say nothing of what happened.
    /// </summary>
    private static bool RefusedBeforeWriting(Exception e) => (e switch
    {
        ImportRefusal refusal => refusal.Rpc.StatusCode,
        RpcException rpc => rpc.StatusCode,
        _ => StatusCode.Unknown,
    }) is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.AlreadyExists or StatusCode.NotFound
        or StatusCode.Aborted
        or StatusCode.OutOfRange or StatusCode.PermissionDenied or StatusCode.Unauthenticated or StatusCode.ResourceExhausted;

    /// <summary>Past the first write that cannot be taken back: what the services hold of the document, and how to finish it.</summary>
    private void Keep(string file)
    {
        console.Progress(
            $"  failed part-way: what {file} wrote is kept (nothing is deleted once a write that cannot be taken back may have happened)");
        foreach (var (what, _) in _steps) console.Progress($"  kept: {what} (created)");
        foreach (var what in _written) console.Progress($"  kept: {what}");
        foreach (var what in _answeredUnchanged) console.Progress($"  kept: {what} (answered unchanged)");
        if (_inFlight is not null) console.Progress($"  perhaps written: {_inFlight} (sent, but its answer did not come)");
        console.Progress("  re-run `kyodo import` to complete: a re-run finds what is held and continues");
    }
}
