using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Contracts.Subsidy;
using Kyodo.Reporting.Consumers;
using Kyodo.Reporting.Data;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.ReadModels;

/// <summary>
/// The one place a record's state becomes a read-model row. The event consumers call it with
/// the events they receive; the rebuild calls it with the same events built from the services'
/// list APIs (event id empty, <paramref name="fromLists"/> set), so both paths write exactly the
/// same columns. Each write keeps the highest revision (<see cref="Versioned"/>); a listed state
/// also replaces a tombstone of its own revision, since a list proves the record lives; a row
/// that takes a state takes the record's list contents with it (ReadModelWriter.Contents). The
/// caller saves.
/// </summary>
public sealed partial class ReadModelWriter(ReportingDbContext db, bool fromLists = false)
{
    /// <summary>A plan's state; a plan that comes back from a tombstone brings back what its deletion took
    /// (<see cref="ReviveContentsAsync"/>).</summary>
    public async Task PlanAsync(string municipality, Guid planId, int revision, DateTimeOffset at, string name, int start, int end,
        CancellationToken ct)
    {
        await LockPlanAsync(planId, exclusive: true, ct);
        var revived = false;
        await db.Plans.ApplyAsync(municipality, planId, revision, at, () => new PlanRow { PlanId = planId }, row =>
        {
            revived = row.Deleted;
            (row.Name, row.StartFiscalYear, row.EndFiscalYear, row.Deleted) = (name, start, end, false);
        }, fromLists, ct);
        if (revived) await ReviveContentsAsync(municipality, planId, ct);
    }

    public Task ApplyAsync(PlanCreated m, CancellationToken ct) =>
        PlanAsync(m.MunicipalityCode, m.PlanId, m.Revision, m.OccurredAt, m.Name, m.StartFiscalYear, m.EndFiscalYear, ct);

    public Task ApplyAsync(PlanUpdated m, CancellationToken ct) =>
        PlanAsync(m.MunicipalityCode, m.PlanId, m.Revision, m.OccurredAt, m.Name, m.StartFiscalYear, m.EndFiscalYear, ct);

    /// <summary>The plan's tombstone, and its items' and nodes' (the plan service publishes no deletion of them).</summary>
    public async Task ApplyAsync(PlanDeleted m, CancellationToken ct)
    {
        await LockPlanAsync(m.PlanId, exclusive: true, ct);
        await db.Plans.ApplyAsync(m.MunicipalityCode, m.PlanId, m.Revision, m.OccurredAt, () => new PlanRow { PlanId = m.PlanId },
            row => row.Deleted = true, fromLists, ct);
        // as just applied, or an earlier tombstone of the same plan
        var plan = await db.Plans.FindAsync([m.MunicipalityCode, m.PlanId], ct);
        if (plan!.Deleted) await TombstoneContentsAsync(m.MunicipalityCode, m.PlanId, plan.Revision, ct);
    }

    /// <summary>A node's state; of a deleted plan, as the tombstone its plan's deletion gave its nodes.</summary>
    public async Task ApplyAsync(PlanNodeChanged m, CancellationToken ct)
    {
        var deletedWith = await DeletedPlanRevisionAsync(m.MunicipalityCode, m.PlanId, ct);
        await db.Nodes.ApplyAsync(m.MunicipalityCode, m.NodeId, m.Revision, m.OccurredAt, () => new NodeRow { NodeId = m.NodeId }, row =>
        {
            (row.PlanId, row.ParentId, row.LevelName, row.Code, row.Title, row.Position) =
                (m.PlanId, m.ParentId, m.LevelName, m.Code, m.Title, m.Position);
            (row.Deleted, row.DeletedWithPlanRevision) = m.Deleted ? (true, null) : (deletedWith is not null, deletedWith);
        }, fromLists, ct);
    }

    public Task ApplyAsync(DepartmentChanged m, CancellationToken ct) =>
        db.Departments.ApplyAsync(m.MunicipalityCode, m.DepartmentId, m.Revision, m.OccurredAt,
            () => new DepartmentRow { DepartmentId = m.DepartmentId }, row => (row.Name, row.Deleted) = (m.Name, m.Deleted), fromLists, ct);

    public async Task ApplyAsync(PriorityGoalChanged m, CancellationToken ct)
    {
        var write = await db.PriorityGoals.ApplyAsync(m.MunicipalityCode, m.GoalId, m.Revision, m.OccurredAt,
            () => new PriorityGoalRow { GoalId = m.GoalId }, row =>
            (row.DepartmentId, row.DepartmentName, row.FiscalYear, row.Position, row.Title, row.Deleted) =
                (m.DepartmentId, m.DepartmentName, m.FiscalYear, m.Position, m.Title, m.Deleted), fromLists, ct);
        if (write != VersionedWrite.None) await ReplaceGoalItemsAsync(m.MunicipalityCode, m, write == VersionedWrite.Replaced, ct);
    }

    /// <summary>Any item event but deletion: each carries the whole item, so it simply replaces an older state, its contents with it
    /// (<see cref="ItemStatements"/>).</summary>
    /// <remarks>An item of a deleted plan arrives as the tombstone the plan's deletion gave its items.</remarks>
    public Task ItemAsync(string municipality, DateTimeOffset at, ItemSnapshot item, CancellationToken ct) =>
        db.RunInOneTripAsync(ItemStatements.For(new ItemWrite(municipality, at, item), fromLists), ct);

    /// <summary>Deleted itself: a tombstone whatever becomes of its plan (its contents stay as they were, unread).</summary>
    public async Task ApplyAsync(ItemDeleted m, CancellationToken ct)
    {
        await LockPlanAsync(m.PlanId, exclusive: false, ct);
        await db.Items.ApplyAsync(m.MunicipalityCode, m.ItemId, m.Revision, m.OccurredAt,
            () => new ItemRow { ItemId = m.ItemId, PlanId = m.PlanId },
            row => (row.Deleted, row.DeletedWithPlanRevision) = (true, null), fromLists, ct);
    }

    /// <summary>A line created, revised or settled: each event carries the whole line (<see cref="RecordStatements"/>).</summary>
    public Task BudgetLineAsync(string municipality, DateTimeOffset at, BudgetLineSnapshot line, CancellationToken ct) =>
        db.RunInOneTripAsync(VersionedRecords.Upserts([RecordStatements.BudgetLine(municipality, at, line)], fromLists), ct);

    public Task ApplyAsync(BudgetLineDeleted m, CancellationToken ct) =>
        db.BudgetLines.ApplyAsync(m.MunicipalityCode, m.BudgetLineId, m.Revision, m.OccurredAt,
            () => new BudgetLineRow { BudgetLineId = m.BudgetLineId }, row => row.Deleted = true, fromLists, ct);

    /// <summary>Statements that write one record each as its event would (<see cref="EvaluationCycleStatements"/>), in one round
    /// trip.</summary>
    public Task StatementsAsync(IEnumerable<Npgsql.NpgsqlBatchCommand> statements, CancellationToken ct) =>
        db.RunInOneTripAsync(statements, ct);

    /// <summary>Revision 0: the SubsidyProgramChanged that accompanies every creation carries the full state
    /// (<see cref="RecordStatements"/>).</summary>
    public Task ApplyAsync(SubsidyProgramCreated m, CancellationToken ct) =>
        db.RunInOneTripAsync([RecordStatements.ProgramCreated(m, fromLists)], ct);

    /// <summary>The program and, when it takes this state, its courses and budget lines (<see cref="RecordStatements"/>).</summary>
    public Task ApplyAsync(SubsidyProgramChanged m, CancellationToken ct) =>
        db.RunInOneTripAsync(RecordStatements.ProgramChanged(m, fromLists), ct);

    /// <summary>An application's latest step (<see cref="RecordStatements"/>).</summary>
    public Task ApplyAsync(ApplicationStatusChanged m, CancellationToken ct) =>
        db.RunInOneTripAsync(VersionedRecords.Upserts([RecordStatements.Application(m)], fromLists), ct);

    /// <summary>
    /// Tombstones the rows of <paramref name="liveBefore"/> (live before a rebuild read the lists)
    /// that are still live and whose record the lists did not hold (<paramref name="listed"/>): the
    /// record was deleted while the read model did not hear of it. The row keeps its revision, so
    /// duplicates and older events cannot revive it, while the record's next change (should it live
    /// after all) and a later rebuild that lists it do. Returns how many.
    /// </summary>
    public async Task<int> TombstoneUnlistedAsync<TRow>(DbSet<TRow> rows, string municipality, IReadOnlySet<Guid> liveBefore,
        IReadOnlySet<Guid> listed, DateTimeOffset now, CancellationToken ct) where TRow : VersionedRow
    {
        var count = 0;
        foreach (var id in liveBefore.Where(id => !listed.Contains(id)))
        {
            var row = await rows.FindAsync([municipality, id], ct);
            if (row is null or { Deleted: true }) continue; // its deletion arrived meanwhile
            row.Deleted = true;
            row.AsOf = now; // the deletion's own time is gone with the record; this is when the read model learnt of it
            count++;
        }
        return count;
    }
}
