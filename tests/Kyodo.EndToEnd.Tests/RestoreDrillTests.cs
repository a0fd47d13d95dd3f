using System.Diagnostics;
using Grpc.Core;
using Kyodo.Budget;
using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Gateway;
using Kyodo.Plan;
using Kyodo.Plan.V1;
using Kyodo.Reporting;
using Kyodo.Reporting.Rebuild;
using Kyodo.Reporting.V1;
using Kyodo.Subsidy;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// The restore drill: a system of its own is written through the gateway, backed up with
/// scripts/backup.sh (the tool behind `./dev backup`), written more (an award with its reservation,
/// an item changed), stopped and restored, started again and reporting rebuilt, as `./dev restore`
/// does. Docs: docs/decisions/038-backup-and-restore.md.
/// </summary>
public sealed class RestoreDrillTests : IAsyncLifetime
{
    private const string Municipality = "20323";
    private readonly OwnedResources _owned = new();
    private readonly Dictionary<string, TestDatabase> _databases = [];
    private readonly List<ServiceUnderTest> _running = [];
    private readonly string _backupDir = Path.Combine(Path.GetTempPath(), "kyodo-drill-" + Guid.NewGuid().ToString("N"));
    private readonly CapturedLogs _logs = new();
    private TestVirtualHost _virtualHost = null!;
    private InfrastructureEndpoints _infrastructure = null!;
    private ServiceUnderTest _plan = null!, _budget = null!, _subsidy = null!, _reporting = null!, _gateway = null!;

    private PlanService.PlanServiceClient Plans => new(_gateway.Channel);
    private BudgetService.BudgetServiceClient Budgets => new(_gateway.Channel);
    private SubsidyService.SubsidyServiceClient Subsidies => new(_gateway.Channel);
    private ReportingService.ReportingServiceClient Reports => new(_gateway.Channel);

    public async Task InitializeAsync()
    {
        _infrastructure = await TestInfrastructure.GetAsync();
        _virtualHost = _owned.Own(await TestVirtualHost.CreateAsync(_infrastructure, "drill"));
        foreach (var name in new[] { "Plan", "Budget", "Subsidy", "Reporting" })
            _databases[name] = _owned.Own(await TestDatabase.CreateAsync(_infrastructure, "drill_" + name.ToLowerInvariant()));
        await StartSystemAsync();
    }

    [Fact]
    public async Task ARestoredSystemHoldsExactlyTheBackupAppliesNothingTwiceAndItsReportsEqualItsServices()
    {
        // Before the backup: a plan item, its line, a program on the line and an award (a reservation),
        // and a reservation of its own asked with an idempotency key.
        var (item, line, program) = await WriteAnItemWithALineAndAProgramAsync();
        var awarded = await AwardAsync(program, "見守り活動", 150_000);
        var reserve = new ReserveRequest
        {
            IdempotencyKey = "drill-" + Guid.NewGuid().ToString("N"), BudgetLineId = line.Id,
            AmountYen = 10_000, Purpose = "消耗品"
        };
        var reserved = await Budgets.ReserveAsync(reserve);
        var snapshots = new ReadModelSnapshots(_reporting.Services, Municipality);
        var atBackup = await snapshots.WhenSettledAsync(
            s => s.Reservations.Count == 2 && s.Applications.Any(a => a.Id == Guid.Parse(awarded.Id) && a.Revision == 3));
        var summaryAtBackup = await SummaryAsync();
        var auditAtBackup = await AuditTrailsAsync();

        await RunBackupToolAsync("backup", _backupDir);
        var backedUpAt = DateTimeOffset.UtcNow;

        // After the backup: another award (a second reservation on the line) and an item renamed;
        // reporting consumes both, so a restore that kept or replayed them would show.
        var lost = await AwardAsync(program, "子ども食堂", 100_000);
        var current = (await Plans.GetItemAsync(new GetItemRequest { Id = item.Id })).Item;
        await Plans.UpdateItemAsync(new UpdateItemRequest
        {
            Id = item.Id, Version = current.Version, Fields = new ItemFields { Title = "改称した事業" },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "fields.title" } },
        });
        await snapshots.WhenSettledAsync(
            s => s.Reservations.Count == 3 && s.Items.Any(r => r.Id == Guid.Parse(item.Id) && r.Revision > current.Revision));
        Assert.NotEqual(summaryAtBackup, await SummaryAsync());

        await StopSystemAsync();
        await RunBackupToolAsync("restore", _backupDir);
        await StartSystemAsync();
        snapshots = new ReadModelSnapshots(_reporting.Services, Municipality);
        await RebuildReportingAsync();

        // The services hold what they held at the backup: the later award and rename are gone.
        await RpcAssert.FailsWith(StatusCode.NotFound,
            async () => await Subsidies.GetApplicationAsync(new GetApplicationRequest { Id = lost.Id }));
        Assert.Equal(item.Fields.Title, (await Plans.GetItemAsync(new GetItemRequest { Id = item.Id })).Item.Fields.Title);
        var reservations = (await Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = line.Id }));
        Assert.Equal(150_000 + 10_000, reservations.ReservedYen); // once each: nothing applied twice
        Assert.Equal(2, reservations.Reservations.Count);

        // A request retried with a key used before the backup answers as it did, and reserves nothing more.
        var retried = await Budgets.ReserveAsync(reserve);
        Assert.Equal(reserved.Reservation.Id, retried.Reservation.Id);
        Assert.Equal(150_000 + 10_000,
            (await Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = line.Id })).ReservedYen);

        // Reports equal what the restored services hold: the read models are the ones at the backup,
        // and settle there (nothing published after the backup arrives once the services run again).
        var restored = await snapshots.WhenSettledAsync(s => s.Reservations.Count == 2);
        ReadModelSnapshots.AssertLiveRowsEqual(atBackup, restored);
        Assert.Equal(summaryAtBackup.Tables, (await SummaryAsync()).Tables);

        // The audit trail ends at the backup: the rows then, no row after it.
        var auditRestored = await AuditTrailsAsync();
        Assert.Equal(auditAtBackup, auditRestored);
        Assert.All(auditRestored.Values,
            a => Assert.True(a.Last < backedUpAt, $"an audit row at {a.Last} is after the backup at {backedUpAt}"));
    }

    [Fact]
    public async Task AReportingDatabaseRestoredAloneFromAnOlderBackupBecomesEqualToTheServicesWithoutAnOperator()
    {
        await StopSystemAsync();
        await StartSystemWatchingGapsAsync();
        var (item, line, program) = await WriteAnItemWithALineAndAProgramAsync();
        await AwardAsync(program, "見守り活動", 150_000);
        var snapshots = new ReadModelSnapshots(_reporting.Services, Municipality);
        await snapshots.WhenSettledAsync(s => s.Reservations.Count == 1 && s.Applications.Count == 1);
        await RunBackupToolAsync("backup", _backupDir);

        // After the backup the services go on: a second award (its reservation) and the item renamed.
        // Reporting consumes both; the database restored below has neither.
        var later = await AwardAsync(program, "子ども食堂", 100_000);
        var current = (await Plans.GetItemAsync(new GetItemRequest { Id = item.Id })).Item;
        await Plans.UpdateItemAsync(new UpdateItemRequest
        {
            Id = item.Id, Version = current.Version, Fields = new ItemFields { Title = "改称した事業" },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "fields.title" } },
        });
        var servicesState = await snapshots.WhenSettledAsync(
            s => s.Reservations.Count == 2 && s.Items.Any(r => r.Id == Guid.Parse(item.Id) && r.Revision > current.Revision));
        var summary = await SummaryAsync();

        // Only reporting is stopped and restored from the older backup; the services keep running.
        await _gateway.DisposeAsync();
        await _reporting.DisposeAsync();
        _running.Remove(_gateway);
        _running.Remove(_reporting);
        ForgetPooledConnections();
        await RunBackupToolAsync("restore-reporting", _backupDir);
        await StartReportingWatchingGapsAsync();
        await StartGatewayAsync();
        snapshots = new ReadModelSnapshots(_reporting.Services, Municipality);

        // No operator step: reporting finds what it missed (the log lines below name it: the restored
        // database was the older one) and rebuilds it from the services, within seconds of starting.
        var repaired = await snapshots.WhenSettledAsync(
            s => s.Reservations.Count == 2 && s.Items.Any(r => r.Id == Guid.Parse(item.Id) && r.Revision > current.Revision));
        ReadModelSnapshots.AssertLiveRowsEqual(servicesState, repaired);
        Assert.Equal(summary.Tables, (await SummaryAsync()).Tables);
        Assert.Contains(repaired.Applications, a => a.Id == Guid.Parse(later.Id));
        Assert.Contains(_logs.Lines,
            l => l.Contains("never received", StringComparison.Ordinal) && l.Contains("that subsidy published", StringComparison.Ordinal));
        Assert.Contains(_logs.Lines,
            l => l.Contains("never received", StringComparison.Ordinal) && l.Contains("that plan published", StringComparison.Ordinal));
        // The services were not touched: the later award and its reservation are still theirs.
        Assert.Equal(250_000, (await Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = line.Id })).ReservedYen);
    }

    [Fact]
    public async Task ABackupWithAMissingDumpIsRefusedAndChangesNothing()
    {
        await WriteAnItemWithALineAndAProgramAsync();
        await RunBackupToolAsync("backup", _backupDir);
        File.Delete(Path.Combine(_backupDir, "subsidy.dump"));
        await Plans.CreateDepartmentAsync(new CreateDepartmentRequest { MunicipalityCode = Municipality, Name = "後から作った課" });
        var before = await AuditTrailsAsync();

        await StopSystemAsync();
        var (exit, error) = await RunBackupToolRawAsync("restore", _backupDir);
        await StartSystemAsync();

        Assert.Equal(1, exit);
        Assert.Contains("subsidy.dump (the subsidy database) is missing", error);
        Assert.Equal(before, await AuditTrailsAsync()); // the department written after the backup is still there
    }

    private async Task<(Item Item, BudgetLine Line, Kyodo.Subsidy.V1.Program Program)> WriteAnItemWithALineAndAProgramAsync()
    {
        var plan = (await Plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = Municipality, Name = "御代田町" },
            Name = "協働推進プラン", StartFiscalYear = "令和2年度", EndFiscalYear = "R6",
        })).Plan;
        var node = (await Plans.CreateNodeAsync(
            new CreateNodeRequest { PlanId = plan.Id, LevelName = "推進方針", Code = "Ⅰ", Title = "協働の担い手を育てます" })).Node;
        var item = (await Plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id, Fields = new ItemFields { Title = "市民活動支援事業", Departments = { "協働推進課" } },
            Placements = { new PlacementInput { NodeId = node.Id, Code = "①", Primary = true } },
        })).Item;
        var line = (await Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = Municipality, ItemId = item.Id, FiscalYear = 2021,
            Funding = new FundingBreakdown { CostYen = 1_000_000, GeneralRevenueYen = 1_000_000 },
        })).Line;
        var program = (await Subsidies.CreateProgramAsync(new CreateProgramRequest
        {
            MunicipalityCode = Municipality, Name = "まちづくり活動補助金",
            Courses = { new CourseInput { Name = "チャレンジ", CapYen = 200_000, AcceptsNewProjects = true } },
        })).Program;
        program = (await Subsidies.SetProgramBudgetLineAsync(
            new SetProgramBudgetLineRequest { ProgramId = program.Id, FiscalYear = 2021, BudgetLineId = line.Id })).Program;
        return (item, line, program);
    }

    private async Task<Application> AwardAsync(Kyodo.Subsidy.V1.Program program, string title, long yen)
    {
        var applicant = (await Subsidies.RegisterApplicantAsync(
            new RegisterApplicantRequest { MunicipalityCode = Municipality, Name = $"{title}の会", Kind = "市民活動団体" })).Applicant;
        var submitted = (await Subsidies.SubmitApplicationAsync(new SubmitApplicationRequest
        {
            ProgramId = program.Id, CourseId = program.Courses[0].Id, FiscalYear = 2021, ApplicantId = applicant.Id,
            ProjectTitle = title, ProjectKind = ProjectKind.New, RequestedYen = yen,
        })).Application;
        await Subsidies.StartReviewAsync(new TransitionRequest { ApplicationId = submitted.Id, Comment = "書類審査" });
        return (await Subsidies.AwardAsync(
            new AwardRequest { ApplicationId = submitted.Id, AmountYen = yen, Comment = "交付決定" })).Application;
    }

    private async Task<Report> SummaryAsync() =>
        await Reports.GetDepartmentSummaryAsync(new DepartmentSummaryRequest { MunicipalityCode = Municipality, FiscalYearFrom = 2021 });

    /// <summary>Per service database: how many audit rows, and the time of the last.</summary>
    private async Task<Dictionary<string, (long Rows, DateTimeOffset Last)>> AuditTrailsAsync()
    {
        var trails = new Dictionary<string, (long, DateTimeOffset)>();
        foreach (var name in new[] { "Plan", "Budget", "Subsidy" })
        {
            await using var connection = new NpgsqlConnection(_databases[name].ConnectionString + ";Pooling=false");
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*), max(occurred_at) FROM audit_entries", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            trails[name] = (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1));
        }
        return trails;
    }

    private async Task RunBackupToolAsync(string command, string dir)
    {
        var (exit, error) = await RunBackupToolRawAsync(command, dir);
        Assert.True(exit == 0, $"scripts/backup.sh {command} exited {exit}: {error}");
    }

    /// <summary>scripts/backup.sh on this test's own databases and virtual host.</summary>
    private async Task<(int Exit, string Error)> RunBackupToolRawAsync(string command, string dir)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot(), "scripts", "backup.sh"), command, dir])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["KYODO_BACKUP_DATABASES"] = string.Join(" ",
            _databases.Select(d => $"{d.Key.ToLowerInvariant()}={d.Value.Name}"));
        start.Environment["KYODO_BACKUP_VHOST"] = _virtualHost.Name;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await output + await error);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kyodo.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Kyodo.sln not found above " + AppContext.BaseDirectory);
    }

    private async Task StartSystemAsync()
    {
        // Reporting first: its queues must exist before anyone publishes.
        _reporting = await StartServiceAsync("Reporting", ReportingApp.Create);
        _plan = await StartServiceAsync("Plan", PlanApp.Create);
        _budget = await StartServiceAsync("Budget", BudgetApp.Create, new() { ["Services:Plan"] = _plan.GrpcAddress.ToString() });
        _subsidy = await StartServiceAsync("Subsidy", SubsidyApp.Create, new() { ["Services:Budget"] = _budget.GrpcAddress.ToString() });
        await StartGatewayAsync();
    }

    /// <summary>
    /// The system as deployed, reporting watching for missing events: it needs the services' addresses,
    /// so it starts after them (its queues already exist, or nothing was written yet).
    /// </summary>
    private async Task StartSystemWatchingGapsAsync()
    {
        _plan = await StartServiceAsync("Plan", PlanApp.Create);
        _budget = await StartServiceAsync("Budget", BudgetApp.Create, new() { ["Services:Plan"] = _plan.GrpcAddress.ToString() });
        _subsidy = await StartServiceAsync("Subsidy", SubsidyApp.Create, new() { ["Services:Budget"] = _budget.GrpcAddress.ToString() });
        await StartReportingWatchingGapsAsync();
        await StartGatewayAsync();
    }

    private async Task StartReportingWatchingGapsAsync() =>
        _reporting = await StartServiceAsync("Reporting", ReportingApp.Create,
            EventGapProbe.Settings(_plan.GrpcAddress, _budget.GrpcAddress, _subsidy.GrpcAddress, TimeSpan.FromSeconds(5)), _logs.AttachTo);

    private async Task StartGatewayAsync()
    {
        _gateway = await ServiceUnderTest.StartAsync(GatewayApp.Create, new Dictionary<string, string?>(TestAuth.Settings)
        {
            ["Services:Plan"] = _plan.GrpcAddress.ToString(),
            ["Services:Budget"] = _budget.GrpcAddress.ToString(),
            ["Services:Subsidy"] = _subsidy.GrpcAddress.ToString(),
            ["Services:Reporting"] = _reporting.GrpcAddress.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        _running.Add(_gateway);
    }

    private async Task<ServiceUnderTest> StartServiceAsync(string name,
        Func<string[], Action<WebApplicationBuilder>?, WebApplication> create,
        Dictionary<string, string?>? extra = null, Action<WebApplicationBuilder>? configure = null)
    {
        var settings = ServiceSettings.For(name, _databases[name], _virtualHost);
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        var service = await ServiceUnderTest.StartAsync(create, settings, configure: configure);
        _running.Add(service);
        return service;
    }

    /// <summary>Stops the gateway and the services (as `./dev restore` stops the apps); the databases stay.</summary>
    private async Task StopSystemAsync()
    {
        for (var i = _running.Count - 1; i >= 0; i--) await _running[i].DisposeAsync();
        _running.Clear();
        ForgetPooledConnections();
    }

    /// <summary>
    /// The restore ends every session of the databases it replaces, so the in-process services' idle
    /// pooled connections are dead. All pools: the services connect with a string of their own (they
    /// add Max Auto Prepare), whose pool clearing by the test's string would miss.
    /// </summary>
    private static void ForgetPooledConnections() => NpgsqlConnection.ClearAllPools();

    /// <summary>The rebuild `./dev restore` runs: reporting from the restored services' list APIs.</summary>
    private async Task RebuildReportingAsync()
    {
        var token = RebuildToken.From(new ConfigurationBuilder().AddInMemoryCollection(TestAuth.Settings).Build(), TimeSpan.FromMinutes(5));
        using var sources = new RebuildSources(_plan.GrpcAddress, _budget.GrpcAddress, _subsidy.GrpcAddress, token);
        var rebuild = new ReadModelRebuild(_reporting.Services.GetRequiredService<IServiceScopeFactory>(), sources, TimeProvider.System,
            NullLogger<ReadModelRebuild>.Instance);
        await rebuild.RunAsync(Municipality, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await StopSystemAsync();
        await _owned.DisposeAsync();
        if (Directory.Exists(_backupDir)) Directory.Delete(_backupDir, recursive: true);
    }
}
