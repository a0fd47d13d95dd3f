using Kyodo.Common.V1;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.Rebuild;
using Kyodo.ServiceDefaults.Data;
using Microsoft.Extensions.Options;

namespace Kyodo.Reporting.Gaps;

/// <summary>
/// Runs <see cref="EventGapCheck"/> for plan, budget and subsidy every <see cref="EventGapOptions.Interval"/>,
/// through the rebuild's channels and token (<see cref="RebuildSources"/>, <see cref="RebuildToken"/>); a
/// repair is the rebuild of the missing events' municipalities. The services' addresses are read each
/// round: until all three are configured nothing is checked (logged once). A publisher that does not
/// answer is retried next round; the others are still checked.
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
                await RoundAsync(settings, stoppingToken);
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
            if (!_toldUnconfigured) _log.LogWarning("Not checking for missing events: Services:Plan, Services:Budget and Services:Subsidy are not all configured");
            _toldUnconfigured = true;
            return;
        }
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
                _log.LogWarning("Could not check {Publisher}'s events against the inbox; retrying in {Interval}s: {Error}", name, settings.Interval.TotalSeconds, e.Message);
            }
        }
    }
}
