using Kyodo.Common.V1;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using BudgetV1 = Kyodo.Budget.V1;
using PlanV1 = Kyodo.Plan.V1;
using SubsidyV1 = Kyodo.Subsidy.V1;

namespace Kyodo.Reporting.Rebuild;

/// <summary>
/// Repopulates the read models from the plan, budget and subsidy services' list APIs: every
/// listed record goes through <see cref="ReadModelWriter"/> as the event carrying its current
/// state (so a row that already holds that revision or a newer one is left alone, and events
/// arriving afterwards apply as usual), and every live row whose record is no longer listed is
/// tombstoned. It can run while the service consumes events.
/// </summary>
public sealed class ReadModelRebuild(IServiceScopeFactory scopes, RebuildSources sources, TimeProvider clock, ILogger<ReadModelRebuild> log)
{
    private const int PageSize = 500;

    /// <summary>Rebuilds one municipality, or (null) every municipality the plan service or the read models know.</summary>
    public async Task<IReadOnlyList<RebuildCounts>> RunAsync(string? municipality, CancellationToken ct)
    {
        var codes = municipality is { } one ? [one] : await MunicipalitiesAsync(ct);
        var results = new List<RebuildCounts>();
        foreach (var code in codes)
        {
            var counts = await RebuildMunicipalityAsync(code, ct);
            log.LogInformation("Rebuilt {Municipality}: {Counts}", code, counts);
            results.Add(counts);
        }
        return results;
    }

    private async Task<IReadOnlyList<string>> MunicipalitiesAsync(CancellationToken ct)
    {
        var listed = await sources.Plan.ListMunicipalitiesAsync(new PlanV1.ListMunicipalitiesRequest(), cancellationToken: ct);
        // Also those only the read models know: their records may all be gone and need tombstones.
        var known = await InScopeAsync((db, _, c) => db.Plans.Select(r => r.MunicipalityCode)
            .Union(db.Items.Select(r => r.MunicipalityCode))
            .Union(db.BudgetLines.Select(r => r.MunicipalityCode))
            .Union(db.SubsidyPrograms.Select(r => r.MunicipalityCode))
            .Union(db.Applications.Select(r => r.MunicipalityCode))
            .Union(db.Departments.Select(r => r.MunicipalityCode))
            .Union(db.Reservations.Select(r => r.MunicipalityCode))
            .ToListAsync(c), ct);
        return listed.Municipalities.Select(m => m.Code).Union(known.Select(c => c.Trim())).Order(StringComparer.Ordinal).ToList();
    }

    public async Task<RebuildCounts> RebuildMunicipalityAsync(string code, CancellationToken ct)
    {
        // What is live before any list is read: only such a row may be tombstoned for being unlisted.
        var liveBefore = await InScopeAsync((db, _, c) => Keys.LiveAsync(db, code, c), ct);
        // The time of records whose services keep no change time.
        var listedAt = clock.GetUtcNowForStorage();
        var seen = new Keys();

        var departments =
            await sources.Plan.ListDepartmentsAsync(new PlanV1.ListDepartmentsRequest { MunicipalityCode = code }, cancellationToken: ct);
        var departmentRevisions = departments.Revisions.ToDictionary(r => r.Id, r => r.Revision);
        await WriteAsync(departments.Departments.Select(d => Write(seen.Departments, Guid.Parse(d.Id),
            (w, c) => w.ApplyAsync(EventsFromLists.Department(code, d, departmentRevisions.GetValueOrDefault(d.Id), listedAt), c))), ct);

        await foreach (var page in Pages(
            token => sources.Plan.ListPlansAsync(new PlanV1.ListPlansRequest { MunicipalityCode = code, Page = Page(token) },
                cancellationToken: ct),
                           r => (r.Plans, r.Page), ct))
        {
            await WriteAsync(
                page.Select(p => Write(seen.Plans, Guid.Parse(p.Id), (w, c) => w.ApplyAsync(EventsFromLists.Plan(p, listedAt), c))), ct);
            foreach (var plan in page)
            {
                var nodes = await sources.Plan.ListNodesAsync(new PlanV1.ListNodesRequest { PlanId = plan.Id }, cancellationToken: ct);
                await WriteAsync(nodes.Nodes.Select(
                    n => Write(seen.Nodes, Guid.Parse(n.Id), (w, c) => w.ApplyAsync(EventsFromLists.Node(code, n, listedAt), c))), ct);
                var deadlines = await sources.Plan.ListReportingDeadlinesAsync(
                    new PlanV1.ListReportingDeadlinesRequest { PlanId = plan.Id }, cancellationToken: ct);
                await WriteAsync(deadlines.Deadlines.Select(d => Statements(EvaluationCycleFromLists.Deadline(code, d))), ct);
            }
        }

        await foreach (var page in Pages(
            token => sources.Plan.ListItemsAsync(new PlanV1.ListItemsRequest { MunicipalityCode = code, Page = Page(token) },
                cancellationToken: ct),
                           r => (r.Items, r.Page), ct))
            await WriteAsync(page.Select(i => Write(seen.Items, Guid.Parse(i.Id), async (w, c) =>
            {
                await w.ItemAsync(code, i.UpdatedAt.ToDateTimeOffset(), EventsFromLists.Item(i), c);
                await w.StatementsAsync(EvaluationCycleFromLists.PendingActuals(code, i), c);
            })), ct);

        await foreach (var page in Pages(token => sources.Plan.ListEvaluationsAsync(
            new PlanV1.ListEvaluationsRequest { MunicipalityCode = code, Page = Page(token) },
                           cancellationToken: ct), r => (r.Evaluations, r.Page), ct))
            await WriteAsync(page.Select(e => Write(seen.Evaluations, Guid.Parse(e.Id),
                (w, c) => w.StatementsAsync([EvaluationCycleFromLists.Evaluation(code, e)], c))), ct);
        var settings = (await sources.Plan.GetEvaluationSettingsAsync(new PlanV1.GetEvaluationSettingsRequest { MunicipalityCode = code },
            cancellationToken: ct)).Settings;
        if (settings is { Version: > 0 }) // stored: the defaults no longer hold
            await WriteAsync(
                [Statements(EvaluationCycleStatements.ListedSettings(code, listedAt, settings.RatingScale, settings.Directions))], ct);

        var goals = await sources.Plan.ListPriorityGoalsAsync(new PlanV1.ListPriorityGoalsRequest { MunicipalityCode = code },
            cancellationToken: ct);
        await WriteAsync(
            goals.Goals.Select(g => Write(seen.Goals, Guid.Parse(g.Id), (w, c) => w.ApplyAsync(EventsFromLists.Goal(g, listedAt), c))), ct);

        await foreach (var page in Pages(
            token => sources.Budget.ListBudgetLinesAsync(
                new BudgetV1.ListBudgetLinesRequest { MunicipalityCode = code, Page = Page(token) }, cancellationToken: ct),
                           r => (r.Lines, r.Page), ct))
        {
            await WriteAsync(page.Select(l => Write(seen.BudgetLines, Guid.Parse(l.Id),
                (w, c) => w.BudgetLineAsync(code, l.UpdatedAt.ToDateTimeOffset(), EventsFromLists.BudgetLine(l), c))), ct);
            // 繰越・流用・予備費充用 are in a line's history; a line at its first revision has none to ask for.
            foreach (var line in page.Where(l => l.Revision > 1))
            {
                var history = await sources.Budget.GetBudgetLineHistoryAsync(new BudgetV1.GetBudgetLineHistoryRequest { Id = line.Id },
                    cancellationToken: ct);
                await WriteAsync(EvaluationCycleFromLists.Adjustments(code, line, history.Revisions).Select(Statements), ct);
            }
        }

        await foreach (var page in Pages(token => sources.Budget.ListStaffTimesAsync(
            new BudgetV1.ListStaffTimesRequest { MunicipalityCode = code, Page = Page(token) },
                           cancellationToken: ct), r => (r.StaffTimes, r.Page), ct))
            await WriteAsync(page.Select(t => Statements(EvaluationCycleFromLists.StaffTime(t))), ct);
        var unitCosts = await sources.Budget.ListStaffUnitCostsAsync(new BudgetV1.ListStaffUnitCostsRequest { MunicipalityCode = code },
            cancellationToken: ct);
        await WriteAsync(unitCosts.UnitCosts.Select(u => Statements(EvaluationCycleFromLists.StaffUnitCost(u))), ct);

        await foreach (var page in Pages(
            token => sources.Budget.ListReservationsAsync(
                new BudgetV1.ListReservationsRequest { MunicipalityCode = code, Page = Page(token) }, cancellationToken: ct),
                           r => (r.Reservations, r.Page), ct))
            await WriteAsync(page.Select(r =>
                Write(seen.Reservations, Guid.Parse(r.Id), (w, c) => ReservationAsync(w, EventsFromLists.Reservation(code, r), c))), ct);

        var programs = (await sources.Subsidy.ListProgramsAsync(new SubsidyV1.ListProgramsRequest { MunicipalityCode = code },
            cancellationToken: ct)).Programs;
        await WriteAsync(programs.Select(
            p => Write(seen.Programs, Guid.Parse(p.Id), (w, c) => w.ApplyAsync(EventsFromLists.Program(p, listedAt), c))), ct);
        var programsById = programs.ToDictionary(p => Guid.Parse(p.Id));

        await foreach (var page in Pages(
            token => sources.Subsidy.ListApplicationsAsync(
                new SubsidyV1.ListApplicationsRequest { MunicipalityCode = code, Page = Page(token) }, cancellationToken: ct),
                           r => (r.Applications, r.Page), ct))
            await WriteAsync(page.Select(a => Write(seen.Applications, Guid.Parse(a.Id),
                (w, c) => w.ApplyAsync(EventsFromLists.Application(a, programsById), c))), ct);

        var tombstoned = await TombstoneAsync(code, liveBefore, seen, ct);
        return new RebuildCounts(code, seen.Departments.Count, seen.Plans.Count, seen.Nodes.Count, seen.Items.Count, seen.Goals.Count,
            seen.BudgetLines.Count, seen.Reservations.Count, seen.Programs.Count, seen.Applications.Count, tombstoned,
            seen.Evaluations.Count);
    }

    private static async Task ReservationAsync(ReadModelWriter writer, (Contracts.Budget.FundsReserved Reserved,
        Contracts.Budget.FundsCommitted? Committed, Contracts.Budget.FundsReleased? Released) events, CancellationToken ct)
    {
        await writer.ApplyAsync(events.Reserved, ct);
        if (events.Committed is { } committed) await writer.ApplyAsync(committed, ct);
        if (events.Released is { } released) await writer.ApplyAsync(released, ct);
    }

    /// <summary>
    /// Unlisted plans first; then everything of every deleted plan, as the PlanDeleted consumer
    /// does (so a plan whose deletion was missed, and one whose deletion was consumed, end alike);
    /// then the rest unlisted.
    /// </summary>
    /// <remarks>
    /// "Unlisted" means live before the lists were read (<paramref name="liveBefore"/>) and not in
    /// them. Such a row came from an event the read model had committed, so its record had
    /// committed before the lists were read, and a list that lacks it lacks it because the record
    /// is gone. A row written meanwhile (by an event consumed during the rebuild) is left alone.
    /// Comparing the row's event time with this process's clock instead (as this once did) would
    /// tombstone a live record created after its list was read whose event time is earlier than
    /// the rebuild's start: stamped by a service clock behind ours, or by a transaction that
    /// committed only after the list was read.
    /// </remarks>
    private async Task<int> TombstoneAsync(string code, Keys liveBefore, Keys listed, CancellationToken ct)
    {
        var now = clock.GetUtcNowForStorage();
        var plans = await InScopeAsync(
            (db, writer, c) => writer.TombstoneUnlistedAsync(db.Plans, code, liveBefore.Plans, listed.Plans, now, c), ct);
        var contents = await InScopeAsync(async (db, writer, c) =>
        {
            var count = 0;
            foreach (var plan in await db.Plans.AsNoTracking().Where(p => p.MunicipalityCode == code && p.Deleted).ToListAsync(c))
                count += await writer.TombstoneContentsAsync(code, plan.PlanId, plan.Revision, c);
            return count;
        }, ct);
        return plans + contents + await InScopeAsync(async (db, writer, c) =>
        {
            var count = await writer.TombstoneUnlistedAsync(db.Departments, code, liveBefore.Departments, listed.Departments, now, c)
                + await writer.TombstoneUnlistedAsync(db.Nodes, code, liveBefore.Nodes, listed.Nodes, now, c)
                + await writer.TombstoneUnlistedAsync(db.Items, code, liveBefore.Items, listed.Items, now, c)
                + await writer.TombstoneUnlistedAsync(db.PriorityGoals, code, liveBefore.Goals, listed.Goals, now, c)
                + await writer.TombstoneUnlistedAsync(db.BudgetLines, code, liveBefore.BudgetLines, listed.BudgetLines, now, c)
                + await writer.TombstoneUnlistedAsync(db.SubsidyPrograms, code, liveBefore.Programs, listed.Programs, now, c)
                + await writer.TombstoneUnlistedAsync(db.Applications, code, liveBefore.Applications, listed.Applications, now, c)
                + await writer.TombstoneUnlistedAsync(db.Reservations, code, liveBefore.Reservations, listed.Reservations, now, c)
                + await writer.TombstoneUnlistedAsync(db.Evaluations, code, liveBefore.Evaluations, listed.Evaluations, now, c);
            return count;
        }, ct);
    }

    /// <summary>A record of the evaluation cycle written by its statement (tombstoned, if at all, by its own list: evaluations
    /// only).</summary>
    private static Func<ReadModelWriter, CancellationToken, Task> Statements(Npgsql.NpgsqlBatchCommand statement) =>
        (w, c) => w.StatementsAsync([statement], c);

    private static Func<ReadModelWriter, CancellationToken, Task> Write(HashSet<Guid> seen, Guid id,
        Func<ReadModelWriter, CancellationToken, Task> apply)
    {
        seen.Add(id);
        return apply;
    }

    /// <summary>One page in one transaction; an event consumed concurrently into the same row makes the page start again.</summary>
    private Task WriteAsync(IEnumerable<Func<ReadModelWriter, CancellationToken, Task>> writes, CancellationToken ct)
    {
        var all = writes.ToList(); // records them as seen now, once
        return all.Count == 0 ? Task.CompletedTask : InScopeAsync(async (_, writer, c) =>
        {
            foreach (var write in all) await write(writer, c);
            return all.Count;
        }, ct);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction of the reporting database, again after a
    /// race with a consumer, a deadlock or a serialization failure (up to
    /// <see cref="RebuildDatabase.Attempts"/> times); any other failure, or one that persists, ends
    /// the rebuild with a <see cref="RebuildDatabaseException"/>.
    /// </summary>
    private async Task<T> InScopeAsync<T>(Func<ReportingDbContext, ReadModelWriter, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            try
            {
                // One transaction: the writer's plan locks hold until it ends, as in a consumer's.
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var result = await work(db, new ReadModelWriter(db, fromLists: true), ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return result;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && RebuildDatabase.IsTransient(e) && attempt < RebuildDatabase.Attempts)
            {
                // A consumer wrote one of these rows (or inserted it) meanwhile, or PostgreSQL chose this
                // transaction as a deadlock's victim: re-read and try again, a little later each time.
                log.LogDebug(e, "Rebuild write raced another transaction; retrying (attempt {Attempt})", attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && RebuildDatabase.IsDatabaseFailure(e))
            {
                throw new RebuildDatabaseException(db, e, attempt);
            }
        }
    }

    private static PageRequest Page(string token) => new() { PageSize = PageSize, PageToken = token };

    private static async IAsyncEnumerable<IReadOnlyList<T>> Pages<TResponse, T>(
        Func<string, global::Grpc.Core.AsyncUnaryCall<TResponse>> call,
        Func<TResponse, (IEnumerable<T> Items, PageResponse? Page)> read,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var token = "";
        do
        {
            ct.ThrowIfCancellationRequested();
            var (items, page) = read(await call(token));
            yield return items.ToList();
            token = page?.NextPageToken ?? "";
        } while (token.Length > 0);
    }

    /// <summary>Record ids by kind: those the lists held, or those live in the read models before they were read.</summary>
    private sealed class Keys
    {
        public HashSet<Guid> Departments { get; init; } = [];
        public HashSet<Guid> Plans { get; init; } = [];
        public HashSet<Guid> Nodes { get; init; } = [];
        public HashSet<Guid> Items { get; init; } = [];
        public HashSet<Guid> Goals { get; init; } = [];
        public HashSet<Guid> BudgetLines { get; init; } = [];
        public HashSet<Guid> Programs { get; init; } = [];
        public HashSet<Guid> Applications { get; init; } = [];
        public HashSet<Guid> Reservations { get; init; } = [];
        public HashSet<Guid> Evaluations { get; init; } = [];

        public static async Task<Keys> LiveAsync(ReportingDbContext db, string code, CancellationToken ct) => new()
        {
            Departments = await LiveAsync(db.Departments, code, r => r.DepartmentId, ct),
            Plans = await LiveAsync(db.Plans, code, r => r.PlanId, ct),
            Nodes = await LiveAsync(db.Nodes, code, r => r.NodeId, ct),
            Items = await LiveAsync(db.Items, code, r => r.ItemId, ct),
            Goals = await LiveAsync(db.PriorityGoals, code, r => r.GoalId, ct),
            BudgetLines = await LiveAsync(db.BudgetLines, code, r => r.BudgetLineId, ct),
            Programs = await LiveAsync(db.SubsidyPrograms, code, r => r.ProgramId, ct),
            Applications = await LiveAsync(db.Applications, code, r => r.ApplicationId, ct),
            Reservations = await LiveAsync(db.Reservations, code, r => r.ReservationId, ct),
            Evaluations = await LiveAsync(db.Evaluations, code, r => r.EvaluationId, ct),
        };

        private static async Task<HashSet<Guid>> LiveAsync<TRow>(IQueryable<TRow> rows, string code,
            System.Linq.Expressions.Expression<Func<TRow, Guid>> key, CancellationToken ct) where TRow : VersionedRow =>
            [.. await rows.Where(r => r.MunicipalityCode == code && !r.Deleted).Select(key).ToListAsync(ct)];
    }
}

/// <summary>What a rebuild of one municipality listed, by kind, and how many rows it tombstoned.</summary>
public sealed record RebuildCounts(string Municipality, int Departments, int Plans, int Nodes, int Items, int PriorityGoals,
    int BudgetLines, int Reservations, int SubsidyPrograms, int Applications, int Tombstoned, int Evaluations = 0);
