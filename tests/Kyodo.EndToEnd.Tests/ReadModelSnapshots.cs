using System.Text.Json;
using System.Text.Json.Nodes;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.EndToEnd.Tests;

/// <summary>One read-model row: its key, revision, tombstone, time, and every other column as JSON (the row-version token left
/// out).</summary>
public sealed record RowView(Guid Id, int Revision, bool Deleted, DateTimeOffset AsOf, string Columns);

/// <summary>One row of a record's list contents (an item's placement, schedule cell, indicator value …): its table, its record, every
/// column as JSON.</summary>
public sealed record ContentView(string Table, Guid Owner, string Columns);

/// <summary>Every read-model row of one municipality, by table, ordered by key, and the records' list contents.</summary>
public sealed record ReadModelSnapshot(
    IReadOnlyList<RowView> Plans, IReadOnlyList<RowView> Nodes, IReadOnlyList<RowView> Departments, IReadOnlyList<RowView> Items,
    IReadOnlyList<RowView> PriorityGoals, IReadOnlyList<RowView> BudgetLines, IReadOnlyList<RowView> SubsidyPrograms,
    IReadOnlyList<RowView> Applications, IReadOnlyList<RowView> Reservations, IReadOnlyList<ContentView> Contents)
{
    public bool IsEmpty => Tables.All(t => t.Rows.Count == 0) && Contents.Count == 0;

    /// <summary>The contents of records live in this snapshot.</summary>
    public IEnumerable<ContentView> LiveContents
    {
        get
        {
            var live = Items.Concat(SubsidyPrograms).Concat(PriorityGoals).Where(r => !r.Deleted).Select(r => r.Id).ToHashSet();
            return Contents.Where(c => live.Contains(c.Owner));
        }
    }

    public IEnumerable<(string Name, IReadOnlyList<RowView> Rows, bool Timeless)> Tables =>
    [
        // A plan's time is known only while it has not changed since creation; nodes, departments,
        // priority goals and programs keep no change time in their services.
        ("plans", Plans, false), ("plan_nodes", Nodes, true), ("departments", Departments, true), ("items", Items, false),
        ("priority_goals", PriorityGoals, true), ("budget_lines", BudgetLines, false), ("subsidy_programs", SubsidyPrograms, true),
        ("applications", Applications, false), ("reservations", Reservations, false),
    ];

    /// <summary>Live rows whose services keep no change time, so a rebuild from the lists dates them itself.</summary>
    public IEnumerable<RowView> TimelessRows =>
        Tables.Where(t => t.Timeless).SelectMany(t => t.Rows).Concat(Plans.Where(p => p.Revision > 1)).Where(r => !r.Deleted);
}

/// <summary>Reads, wipes and patches the reporting service's read-model tables (the records' and their contents') for one
/// municipality.</summary>
public sealed class ReadModelSnapshots(IServiceProvider reporting, string municipality)
{
    public async Task<ReadModelSnapshot> TakeAsync()
    {
        await using var scope = reporting.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        return new ReadModelSnapshot(
            await ReadAsync(db.Plans, r => r.PlanId), await ReadAsync(db.Nodes, r => r.NodeId),
            await ReadAsync(db.Departments, r => r.DepartmentId),
            await ReadAsync(db.Items, r => r.ItemId), await ReadAsync(db.PriorityGoals, r => r.GoalId),
            await ReadAsync(db.BudgetLines, r => r.BudgetLineId),
            await ReadAsync(db.SubsidyPrograms, r => r.ProgramId), await ReadAsync(db.Applications, r => r.ApplicationId),
            await ReadAsync(db.Reservations, r => r.ReservationId), await ContentsAsync(db));
    }

    private async Task<IReadOnlyList<ContentView>> ContentsAsync(ReportingDbContext db)
    {
        List<ContentView> all =
        [
            .. Views("item_departments",
                await db.ItemDepartments.AsNoTracking().Where(r => r.MunicipalityCode == municipality).ToListAsync(), r => r.ItemId),
            .. Views("item_placements", await db.Placements.AsNoTracking().Where(r => r.MunicipalityCode == municipality).ToListAsync(),
                r => r.ItemId),
            .. Views("item_schedule_cells",
                await db.ScheduleCells.AsNoTracking().Where(r => r.MunicipalityCode == municipality).ToListAsync(), r => r.ItemId),
            .. Views("item_yearly_goals", await db.YearlyGoals.AsNoTracking().Where(r => r.MunicipalityCode == municipality).ToListAsync(),
                r => r.ItemId),
            .. Views("indicators", await db.Indicators.AsNoTracking().Where(r => r.MunicipalityCode == municipality).ToListAsync(),
                r => r.ItemId),
            .. Views("indicator_values",
                await db.IndicatorValues.AsNoTracking().Where(r => r.MunicipalityCode == municipality).ToListAsync(), r => r.ItemId),
            .. Views("subsidy_courses", await db.Courses.AsNoTracking().Where(r => r.MunicipalityCode == municipality).ToListAsync(),
                r => r.ProgramId),
            .. Views("program_budget_lines",
                await db.ProgramLines.AsNoTracking().Where(r => r.MunicipalityCode == municipality).ToListAsync(), r => r.ProgramId),
            .. Views("priority_goal_items",
                await db.PriorityGoalItems.AsNoTracking().Where(r => r.MunicipalityCode == municipality).ToListAsync(), r => r.GoalId),
        ];
        return all.OrderBy(c => c.Table, StringComparer.Ordinal).ThenBy(c => c.Owner).ThenBy(c => c.Columns, StringComparer.Ordinal)
            .ToList();

        static IEnumerable<ContentView> Views<TRow>(string table, IEnumerable<TRow> rows, Func<TRow, Guid> owner) =>
            rows.Select(r => new ContentView(table, owner(r), JsonSerializer.Serialize(r)));
    }

    /// <summary>Waits until <paramref name="ready"/> holds and a second look a second later sees the same rows.</summary>
    public async Task<ReadModelSnapshot> WhenSettledAsync(Func<ReadModelSnapshot, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var first = await TakeAsync();
            if (ready(first))
            {
                await Task.Delay(1000);
                var second = await TakeAsync();
                if (Same(first, second)) return second;
            }
            else if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The read models of {municipality} did not reach the expected state in 60 s");
            }
            await Task.Delay(200);
        }
    }

    public async Task WipeAsync()
    {
        await using var scope = reporting.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        await db.Plans.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.Nodes.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.Departments.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.Items.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.PriorityGoals.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.BudgetLines.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.SubsidyPrograms.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.Applications.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.Reservations.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.Evaluations.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.EvaluationSettings.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.StaffTimes.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.StaffUnitCosts.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.BudgetAdjustments.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.ActualEntries.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.ReportingDeadlines.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.ItemDepartments.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.Placements.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.ScheduleCells.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.YearlyGoals.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.Indicators.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.IndicatorValues.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.Courses.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.ProgramLines.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
        await db.PriorityGoalItems.Where(r => r.MunicipalityCode == municipality).ExecuteDeleteAsync();
    }

    /// <summary>The municipality's change stamp (municipality_stamps, bumped with every write of its read-model rows; none is
    /// 0).</summary>
    public async Task<long> StampAsync()
    {
        await using var scope = reporting.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        return await db.Database.SqlQuery<long>(
                $"SELECT coalesce((SELECT stamp FROM municipality_stamps WHERE municipality_code = {municipality}), 0) AS \"Value\"")
            .SingleAsync();
    }

    /// <summary>Puts an item row back as it was (a deletion changes only these three columns): as if its ItemDeleted had been
    /// lost.</summary>
    public async Task RestoreAsync(RowView item)
    {
        await using var scope = reporting.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var changed = await db.Items.Where(r => r.ItemId == item.Id).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Deleted, item.Deleted).SetProperty(r => r.Revision, item.Revision).SetProperty(r => r.AsOf, item.AsOf));
        Assert.Equal(1, changed);
    }

    /// <summary>An indicator's actuals as the read model holds them, by fiscal year.</summary>
    public async Task<List<(int FiscalYear, decimal Value)>> ActualsAsync(Guid indicatorId)
    {
        await using var scope = reporting.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var values = await db.IndicatorValues.AsNoTracking()
            .Where(r => r.MunicipalityCode == municipality && r.IndicatorId == indicatorId && r.Actual != null)
            .OrderBy(r => r.FiscalYear).ToListAsync();
        return values.Select(v => (v.FiscalYear, v.Actual!.Value)).ToList();
    }

    /// <summary>Live rows equal table by table; times compared except where the services keep none.</summary>
    public static void AssertLiveRowsEqual(ReadModelSnapshot expected, ReadModelSnapshot actual)
    {
        foreach (var ((name, wanted, timeless), (_, got, _)) in expected.Tables.Zip(actual.Tables))
        {
            var compareTime = !timeless;
            Assert.Equal(Live(wanted, name, compareTime), Live(got, name, compareTime));
        }
        Assert.Equal(expected.LiveContents, actual.LiveContents);

        static List<string> Live(IReadOnlyList<RowView> rows, string table, bool withTime) => rows.Where(r => !r.Deleted)
            .Select(r => $"{table} {r.Columns}" + (withTime && !(table == "plans" && r.Revision > 1) ? $" as_of {r.AsOf:O}" : "")).ToList();
    }

    /// <summary>Every row equal, tombstones and times included.</summary>
    public static void AssertEqual(ReadModelSnapshot expected, ReadModelSnapshot actual)
    {
        foreach (var ((name, wanted, _), (_, got, _)) in expected.Tables.Zip(actual.Tables))
            Assert.Equal(wanted.Select(r => $"{name} {r.Columns} as_of {r.AsOf:O}").ToList(),
                got.Select(r => $"{name} {r.Columns} as_of {r.AsOf:O}").ToList());
        Assert.Equal(expected.Contents, actual.Contents);
    }

    private static bool Same(ReadModelSnapshot a, ReadModelSnapshot b) =>
        a.Tables.Zip(b.Tables).All(pair => pair.First.Rows.SequenceEqual(pair.Second.Rows)) && a.Contents.SequenceEqual(b.Contents);

    private async Task<IReadOnlyList<RowView>> ReadAsync<TRow>(DbSet<TRow> rows, Func<TRow, Guid> key) where TRow : VersionedRow
    {
        var found = await rows.AsNoTracking().Where(r => r.MunicipalityCode == municipality).ToListAsync();
        return found.Select(r => View(r, key(r))).OrderBy(v => v.Id).ToList();
    }

    private static RowView View<TRow>(TRow row, Guid id) where TRow : VersionedRow
    {
        var columns = JsonSerializer.SerializeToNode(row)!.AsObject();
        columns.Remove(nameof(VersionedRow.Version)); // PostgreSQL's xmin: differs for any two writes
        columns.Remove(nameof(VersionedRow.AsOf));    // compared apart
        return new RowView(id, row.Revision, row.Deleted, row.AsOf, columns.ToJsonString());
    }
}
