using Kyodo.Plan.Data;
using Kyodo.Reporting.Data;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanV1 = Kyodo.Plan.V1;

namespace Kyodo.Faults.Tests;

/// <summary>
/// The system the fault tests break: a PostgreSQL server and a RabbitMQ node of their own (never the
/// shared ones, which other test classes use meanwhile), with the plan and reporting services as
/// processes of their own on them. PostgreSQL runs with the durable settings production runs with;
/// the services with production's messaging timings (relay back-off, consumer retries), so the
/// figures printed are the ones a deployment would see. Started once for the whole collection: the
/// two servers in parallel (about 15 s), then reporting (its queues must exist before plan publishes),
/// then plan.
/// </summary>
public sealed class FaultSystem : IAsyncLifetime
{
    private readonly OwnedResources _owned = new();

    public PrivatePostgres Postgres { get; private set; } = null!;
    public PrivateRabbitMq Broker { get; private set; } = null!;
    public ServiceProcess Plan { get; private set; } = null!;
    public ServiceProcess Reporting { get; private set; } = null!;
    private string _planDatabase = "", _reportingDatabase = "";

    public PlanV1.PlanService.PlanServiceClient Plans => new(Plan.Channel);

    public async Task InitializeAsync()
    {
        var postgres = PrivatePostgres.StartNewAsync();
        var broker = PrivateRabbitMq.StartNewAsync();
        await Task.WhenAll(postgres, broker);
        Postgres = _owned.Own(await postgres);
        Broker = _owned.Own(await broker);
        _planDatabase = await CreateDatabaseAsync("plan");
        _reportingDatabase = await CreateDatabaseAsync("reporting");
        Reporting = _owned.Own(await ServiceProcess.StartAsync("Kyodo.Reporting", Settings("Reporting", _reportingDatabase, new()
        {
            // The gap watch asks all three publishers; this system runs plan only (EventGapTests covers the watch).
            ["Reporting:EventGaps:Enabled"] = "false",
        })));
        Plan = _owned.Own(await ServiceProcess.StartAsync("Kyodo.Plan", Settings("Plan", _planDatabase, [])));
    }

    private Dictionary<string, string?> Settings(string service, string database, Dictionary<string, string?> extra)
    {
        var settings = ServiceSettings.For(service, Postgres.ConnectionString(database), Broker);
        // Production's timings, not the suite's short ones (MessagingOptions' defaults).
        foreach (var key in settings.Keys.Where(k => k.StartsWith("Messaging:", StringComparison.Ordinal)).ToList()) settings.Remove(key);
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    private async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    public PlanDbContext OpenPlanDatabase() =>
        new(new DbContextOptionsBuilder<PlanDbContext>().UseNpgsql(Postgres.ConnectionString(_planDatabase) + ";Pooling=false").Options);

    public ReportingDbContext OpenReportingDatabase() =>
        new(new DbContextOptionsBuilder<ReportingDbContext>().UseNpgsql(
            Postgres.ConnectionString(_reportingDatabase) + ";Pooling=false").Options);

    public async Task DisposeAsync() => await _owned.DisposeAsync();
}

/// <summary>The fault tests run one after another on one <see cref="FaultSystem"/>: each breaks what the others use.</summary>
[CollectionDefinition(Name)]
public sealed class FaultsCollection : ICollectionFixture<FaultSystem>
{
    public const string Name = "faults";
}
