using System.Diagnostics;
using Kyodo.Reporting.ReadModels;
using Npgsql;

namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>
/// Writes the synthetic country straight into the read-model tables with COPY: the rows are those
/// the consumers would write for the same events (the writer's own <see cref="RecordContents"/> and
/// <see cref="ItemFields"/> build them), in chunks of municipalities on two connections at once.
/// Then VACUUM ANALYZE, so the planner knows the tables as a long-running database would.
/// </summary>
public static class BulkLoad
{
    private const int ChunkSize = 20;

    public static async Task<(long Rows, TimeSpan Took)> RunAsync(string connectionString, Country country, Action<string> progress,
        CancellationToken ct)
    {
        var began = Stopwatch.GetTimestamp();
        var rows = 0L;
        var chunks = country.Municipalities.Chunk(ChunkSize).ToList();
        var done = 0;
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct },
            async (chunk, token) =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(token);
            var cities = chunk.Select(code => new SyntheticCity(code)).ToList();
            var written = await Task.Run(() => Write(connection, cities), token);
            Interlocked.Add(ref rows, written);
            var finished = Interlocked.Add(ref done, chunk.Length);
            if (finished % 200 < ChunkSize) progress($"  {finished} of {country.Municipalities.Count} municipalities, "
                + $"{Interlocked.Read(ref rows):N0} rows, {Stopwatch.GetElapsedTime(began).TotalSeconds:F0} s");
        });
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            progress("  VACUUM ANALYZE");
            await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 };
            await vacuum.ExecuteNonQueryAsync(ct);
        }
        return (rows, Stopwatch.GetElapsedTime(began));
    }

    private static long Write(NpgsqlConnection connection, List<SyntheticCity> cities)
    {
        var items = cities.SelectMany(c => Enumerable.Range(0, c.Items).Select(i => (City: c, Item: c.Item(i)))).ToList();
        var contents = items.Select(x => RecordContents.Item(x.City.Code, x.Item)).ToList();
        var programs = cities.Select(c => (City: c, Program: c.Program())).ToList();
        using var transaction = connection.BeginTransaction();
        var rows = ReadModelTables.Plans.Write(connection, cities.Select(c => Dated(new PlanRow
        { PlanId = c.PlanId, Name = c.Plan().Name, StartFiscalYear = c.Plan().StartFiscalYear, EndFiscalYear = c.Plan().EndFiscalYear },
                c.Code)))
            + ReadModelTables.Departments.Write(connection, cities.SelectMany(c => c.DepartmentEvents())
                .Select(d => Dated(new DepartmentRow { DepartmentId = d.DepartmentId, Name = d.Name }, d.MunicipalityCode)))
            + ReadModelTables.Nodes.Write(connection, cities.SelectMany(c => c.Nodes()).Select(n => Dated(new NodeRow
            {
                NodeId = n.NodeId, PlanId = n.PlanId, ParentId = n.ParentId, LevelName = n.LevelName, Code = n.Code, Title = n.Title,
                Position = n.Position
            }, n.MunicipalityCode)))
            + ReadModelTables.Items.Write(connection, items.Select(x =>
            {
                var row = new ItemRow { ItemId = x.Item.ItemId };
                ItemFields.Apply(row, x.Item);
                return (Dated(row, x.City.Code), new ItemWrite(x.City.Code, SyntheticCity.Written, x.Item).Digests);
            }))
            + ReadModelTables.ItemDepartments.Write(connection, contents.SelectMany(c => c.Departments))
            + ReadModelTables.Placements.Write(connection, contents.SelectMany(c => c.Placements))
            + ReadModelTables.ScheduleCells.Write(connection, contents.SelectMany(c => c.Schedule))
            + ReadModelTables.Indicators.Write(connection, contents.SelectMany(c => c.Indicators))
            + ReadModelTables.IndicatorValues.Write(connection, contents.SelectMany(c => c.Values))
            + ReadModelTables.BudgetLines.Write(connection,
                cities.SelectMany(c => Enumerable.Range(0, c.Items * SyntheticCity.Years).Select(n =>
            {
                var line = c.Line(n / SyntheticCity.Years, n % SyntheticCity.Years);
                var row = new BudgetLineRow { BudgetLineId = line.BudgetLineId };
                RecordContents.Line(row, line);
                return Dated(row, c.Code);
            })))
            + ReadModelTables.Programs.Write(connection, programs.Select(p => Dated(new SubsidyProgramRow
            { ProgramId = p.Program.ProgramId, Name = p.Program.Name, Description = p.Program.Description }, p.City.Code)))
            + ReadModelTables.Courses.Write(connection, programs.SelectMany(p => RecordContents.Program(p.City.Code, p.Program).Courses))
            + ReadModelTables.ProgramLines.Write(connection, programs.SelectMany(p => RecordContents.Program(p.City.Code, p.Program).Lines))
            + ReadModelTables.Applications.Write(connection,
                cities.SelectMany(c => Enumerable.Range(0, SyntheticCity.Applications).Select(a =>
            {
                var application = c.Application(a);
                var row = new ApplicationRow { ApplicationId = application.ApplicationId };
                RecordContents.Application(row, application);
                return Dated(row, c.Code, application.Revision);
            })))
            + ReadModelTables.Reservations.Write(connection, cities.SelectMany(c => Enumerable.Range(0, SyntheticCity.Applications)
                .Select(c.Reservation).OfType<(Contracts.Budget.FundsReserved Reserved, Contracts.Budget.FundsCommitted? Committed)>()
                .Select(r => Dated(new ReservationRow
                {
                    // As ReadModelWriter.Reservations ends them: revision 1 reserved, 2 committed.
                    ReservationId = r.Reserved.ReservationId, BudgetLineId = r.Reserved.BudgetLineId, Purpose = r.Reserved.Purpose,
                    AmountYen = r.Reserved.AmountYen, CommittedYen = r.Committed?.CommittedYen ?? 0,
                    ReleasedYen = r.Committed?.ReleasedYen ?? 0, State = r.Committed is null ? "Reserved" : "Committed",
                }, c.Code, r.Committed is null ? 1 : 2))));
        transaction.Commit();
        return rows;
    }

    private static T Dated<T>(T row, string municipality, int revision = 1) where T : VersionedRow
    {
        (row.MunicipalityCode, row.Revision, row.AsOf) = (municipality, revision, SyntheticCity.Written);
        return row;
    }
}
