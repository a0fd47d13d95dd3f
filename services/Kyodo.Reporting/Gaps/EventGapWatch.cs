using Kyodo.Common.V1;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.Rebuild;
using Kyodo.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kyodo.Reporting.Gaps;

/// <summary>
/// Runs <see cref="EventGapCheck"/> for plan, budget and subsidy every <see cref="EventGapOptions.Interval"/>,
/// through the rebuild's channels and token (<see cref="RebuildSources"/>, <see cref="RebuildToken"/>); a
/// repair is the rebuild of the missing events' municipalities. The services' addresses are read each
/// round: until all three are configured nothing is checked (logged once). A publisher that does not
/// answer is retried next round; the others are still checked. With several replicas one watches at a time.
/// </summary>
internal sealed class EventGapWatch(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    IOptions<EventGapOptions> options,
    EventGapStatus status,
    DatabaseReadiness readiness,
    TimeProvider clock,
    ILoggerFactory logs) : BackgroundService
{
    // Any constant works: advisory locks are per database, and reporting owns its database.
    private const long WatchLockKey = 0x4B796F646F476170; // "KyodoGap"

    private readonly ILogger _log = logs.CreateLogger<EventGapWatch>();
    private bool _toldUnconfigured;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return;
        try
        {
            await readiness.WaitAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RoundAsync(settings, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Its own database away, say: a watch that stopped for good would notice nothing again.
                    _log.LogWarning(e, "The round of the missing-event watch failed; retrying in {Interval}s",
                        settings.Interval.TotalSeconds);
                }
                await Task.Delay(settings.Interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RoundAsync(EventGapOptions settings, CancellationToken ct)
    {
        // Keys spelled out: the deployment tests derive what each application reads from the code.
        string?[] addresses = [configuration["Services:Plan"], configuration["Services:Budget"], configuration["Services:Subsidy"]];
        if (addresses.Any(string.IsNullOrEmpty))
        {
            if (!_toldUnconfigured) _log.LogWarning(
                "Not checking for missing events: Services:Plan, Services:Budget and Services:Subsidy are not all configured");
            _toldUnconfigured = true;
            return;
        }
        // One replica watches at a time: a session lock held for the round (no transaction stays open
        // across the calls), released by PostgreSQL should the process die. Its connection is its own,
        // outside the pool: the pool does not reset connections (DatabaseExtensions.WithPoolSettings), so
        // a lock whose unlock failed would otherwise stay with the pooled session, held by nobody.
        await using var lockConnection = await OpenUnpooledAsync(ct);
        if (!await AskAsync(lockConnection, $"SELECT pg_try_advisory_lock({WatchLockKey})", ct))
            return; // another replica's round
        try
        {
            await CheckAllAsync(settings, addresses, ct);
        }
        finally
        {
            await AskAsync(lockConnection, $"SELECT pg_advisory_unlock({WatchLockKey})", CancellationToken.None);
        }
    }

    private async Task<NpgsqlConnection> OpenUnpooledAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var pooled = scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Database.GetConnectionString();
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pooled) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task<bool> AskAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task CheckAllAsync(EventGapOptions settings, string?[] addresses, CancellationToken ct)
    {
        using var sources = new RebuildSources(new Uri(addresses[0]!), new Uri(addresses[1]!), new Uri(addresses[2]!),
            RebuildToken.From(configuration, TimeSpan.FromMinutes(10)));
        var rebuild = new ReadModelRebuild(scopes, sources, clock, logs.CreateLogger<ReadModelRebuild>());
        async Task RebuildAsync(IReadOnlyCollection<string> municipalities, CancellationToken c)
        {
            foreach (var code in municipalities)
                if (code.Length == 0) await rebuild.RunAsync(null, c); // an event without a municipality: every one
                else await rebuild.RebuildMunicipalityAsync(code, c);
        }

        var publishers = new (string Name, Func<ListPublishedEventsRequest, CancellationToken, Task<ListPublishedEventsResponse>> List)[]
        {
            ("plan", (r, c) => sources.Plan.ListPublishedEventsAsync(r, cancellationToken: c).ResponseAsync),
            ("budget", (r, c) => sources.Budget.ListPublishedEventsAsync(r, cancellationToken: c).ResponseAsync),
            ("subsidy", (r, c) => sources.Subsidy.ListPublishedEventsAsync(r, cancellationToken: c).ResponseAsync),
        };
        foreach (var (name, list) in publishers)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
                await new EventGapCheck(name, list, RebuildAsync, db, settings, status, clock, _log).RunAsync(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                status.CheckFailed(name, e.Message);
                _log.LogWarning("Could not check {Publisher}'s events against the inbox; retrying in {Interval}s: {Error}", name,
                    settings.Interval.TotalSeconds, e.Message);
            }
        }
    }
}
