using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Reporting;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.Rebuild;
using Kyodo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kyodo.EndToEnd.Tests;

/// <summary>How the rebuild command ends when a service or the reporting database fails it.</summary>
public sealed partial class ReportingRebuildTests
{
    /// <summary>The reporting app as the rebuild command gets it: this system's reporting database and services, the subsidy service at
    /// <paramref name="subsidy"/>.</summary>
    private WebApplication RebuildCommandApp(Uri? subsidy = null) =>
        ReportingApp.Create([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(TestAuth.Settings)
        {
            ["ConnectionStrings:Reporting"] = ReportingConnectionString,
            ["Services:Plan"] = system.Plan.GrpcAddress.ToString(),
            ["Services:Budget"] = system.Budget.GrpcAddress.ToString(),
            ["Services:Subsidy"] = (subsidy ?? system.Subsidy.GrpcAddress).ToString(),
            // Long enough for the real services to answer on a loaded machine; a hung one then takes it all.
            ["Rebuild:CallTimeout"] = "00:00:15",
        }));

    private string ReportingConnectionString =>
        system.Reporting.Services.GetRequiredService<IConfiguration>().GetConnectionString("Reporting")!;

    [Fact]
    public async Task ARebuildWhoseSubsidyServiceNeverAnswersEndsWithOneNamingItAfterPlanAndBudgetAnswered()
    {
        const string code = "20329";
        var plan = (await Plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = code, Name = "青木村" }, Name = "協働推進プラン", StartFiscalYear = "R3",
            EndFiscalYear = "R5",
        })).Plan;
        var node =
            (await Plans.CreateNodeAsync(new CreateNodeRequest { PlanId = plan.Id, LevelName = "推進方針", Code = "Ⅰ", Title = "地域づくり" })).Node;
        var item = (await Plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id, Fields = new ItemFields { Title = "地域づくり支援", Departments = { "総務課" } },
            Placements = { new PlacementInput { NodeId = node.Id, Code = "①", Primary = true } },
        })).Item;
        var line = (await Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = code, ItemId = item.Id, FiscalYear = 2021,
            Funding = new FundingBreakdown { CostYen = 500_000, GeneralRevenueYen = 500_000 },
        })).Line;
        var snapshots = new ReadModelSnapshots(system.Reporting.Services, code);
        await snapshots.WhenSettledAsync(s => s.Plans.Count == 1 && s.Items.Count == 1 && s.BudgetLines.Count == 1);
        await snapshots.WipeAsync();
        await using var hung = new SilentBackend();
        await using var app = RebuildCommandApp(subsidy: hung.Address);
        var errors = new StringWriter();

        var exit = await RebuildCommand.RunAsync(app, ["rebuild", "--municipality", code], TextWriter.Null, errors, CancellationToken.None)
            .WaitAsync(TimeSpan.FromMinutes(2)); // the test's own bound: without a deadline the rebuild would wait for ever

        Assert.Equal(1, exit);
        Assert.Equal(
            $"rebuild: the subsidy service (Services:Subsidy = {hung.Address}) did not answer ListPrograms within 00:00:15 "
            + $"(Rebuild:CallTimeout)",
            errors.ToString().Trim());
        // Plan and budget answered before: what they listed was written, and stays.
        var rebuilt = await snapshots.TakeAsync();
        Assert.Equal([Guid.Parse(plan.Id)], rebuilt.Plans.Select(p => p.Id));
        Assert.Equal([Guid.Parse(item.Id)], rebuilt.Items.Select(i => i.Id));
        Assert.Equal([Guid.Parse(line.Id)], rebuilt.BudgetLines.Select(l => l.Id));
    }

    [Fact]
    public async Task ARebuildRetriesDeadlocksAndSerializationFailuresAndEndsWithOneLineNamingTheReportingDatabaseWhenItKeepsFailing()
    {
        const string code = "20326";
        var written = await WriteAMunicipalityAsync(code);
        var snapshots = new ReadModelSnapshots(system.Reporting.Services, code);
        var before = await snapshots.WhenSettledAsync(written.AllConsumed);
        var where = new NpgsqlConnectionStringBuilder(ReportingConnectionString);
        var database = $"the reporting database (ConnectionStrings:Reporting = {where.Host}:{where.Port}/{where.Database})";

        // PostgreSQL itself fails the rebuild's cascade over the deleted plan's items (a raw UPDATE, not a
        // SaveChanges): first as a deadlock's victim, then with a serialization failure, then no more.
        await InjectItemUpdateFaultsAsync("""
            IF n = 1 THEN RAISE EXCEPTION 'injected deadlock' USING ERRCODE = '40P01'; END IF;
            IF n = 2 THEN RAISE EXCEPTION 'injected serialization failure' USING ERRCODE = '40001'; END IF;
            """);
        try
        {
            var counts = await RebuildAsync(code);

            // Two tries failed at their first UPDATE of items; the third ran all of its own (the cascade
            // and the items' upserts) and went through: without the retries the rebuild would have thrown.
            Assert.True(await FaultChecksAsync() >= 3);
            Assert.Equal(0, counts.Tombstoned);
            ReadModelSnapshots.AssertEqual(before, await snapshots.TakeAsync());

            // A serialization failure that persists: tried five times, then one line and exit 1.
            await InjectItemUpdateFaultsAsync("RAISE EXCEPTION 'injected serialization failure' USING ERRCODE = '40001';");
            var (exit, message) = await RunRebuildCommandAsync(code);
            Assert.Equal((1, $"rebuild: {database} failed: 40001: injected serialization failure (tried 5 times)"), (exit, message));
            Assert.Equal(5, await FaultChecksAsync());

            // Any other failure: at once.
            await InjectItemUpdateFaultsAsync("RAISE EXCEPTION 'injected check failure' USING ERRCODE = '23514';");
            (exit, message) = await RunRebuildCommandAsync(code);
            Assert.Equal((1, $"rebuild: {database} failed: 23514: injected check failure"), (exit, message));
            Assert.Equal(1, await FaultChecksAsync());
        }
        finally
        {
            await ReportingSqlAsync("""
                DROP TRIGGER IF EXISTS test_rebuild_fault ON items;
                DROP FUNCTION IF EXISTS test_rebuild_fault();
                DROP SEQUENCE IF EXISTS test_rebuild_faults;
                """);
        }
        ReadModelSnapshots.AssertEqual(before, await snapshots.TakeAsync());
    }

    private async Task<(int Exit, string Message)> RunRebuildCommandAsync(string code)
    {
        await using var app = RebuildCommandApp();
        var errors = new StringWriter();
        var exit = await RebuildCommand.RunAsync(app, ["rebuild", "--municipality", code], TextWriter.Null, errors, CancellationToken.None)
            .WaitAsync(TimeSpan.FromMinutes(2));
        return (exit, errors.ToString().Trim());
    }

    /// <summary>
    /// Makes every UPDATE statement on the reporting database's items run <paramref name="body"/> first,
    /// with <c>n</c> counting the statements since (a sequence: its count survives the rolled-back
    /// transactions). The tests of this class run one at a time and the system is idle meanwhile, so
    /// only the rebuild updates items.
    /// </summary>
    private Task InjectItemUpdateFaultsAsync(string body) => ReportingSqlAsync($$"""
        DROP SEQUENCE IF EXISTS test_rebuild_faults;
        CREATE SEQUENCE test_rebuild_faults;
        CREATE OR REPLACE FUNCTION test_rebuild_fault() RETURNS trigger LANGUAGE plpgsql AS $fault$
        DECLARE n bigint := nextval('test_rebuild_faults');
        BEGIN
            {{body}}
            RETURN NULL;
        END $fault$;
        DROP TRIGGER IF EXISTS test_rebuild_fault ON items;
        CREATE TRIGGER test_rebuild_fault BEFORE UPDATE ON items FOR EACH STATEMENT EXECUTE FUNCTION test_rebuild_fault();
        """);

    /// <summary>How many UPDATE statements on items the trigger has seen since it was injected.</summary>
    private async Task<long> FaultChecksAsync()
    {
        await using var connection = new NpgsqlConnection(ReportingConnectionString);
        await connection.OpenAsync();
        await using var command =
            new NpgsqlCommand("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM test_rebuild_faults", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ReportingSqlAsync(string sql)
    {
        await using var scope = system.Reporting.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Database.ExecuteSqlRawAsync(sql);
    }
}
