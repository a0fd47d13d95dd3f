using Grpc.Core;
using Kyodo.Benchmarks.Common;
using Kyodo.Budget.Data;
using Kyodo.Plan.Data;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.V1;
using Kyodo.Subsidy.Data;
using Kyodo.Testing;
using MassTransit;

namespace Kyodo.Reporting.Benchmarks;

/// <summary>
/// The consumers' own capacity, which the live phase cannot show (there reporting consumes as fast
/// as the writers write): every event the services published for the municipality (their outbox
/// rows) is delivered to a fresh reporting instance, with its own database and virtual host, while
/// it is stopped, so the whole stream waits in its queues; then it starts and drains them. Figures
/// come from inside that instance; at the end its department summary must equal the live one's.
/// </summary>
public static class BacklogDrain
{
    public static async Task<BacklogResult> RunAsync(BenchmarkSystem system, string municipality, DepartmentSummaryRequest request,
        Report live, CancellationToken ct)
    {
        var timeout = TimeSpan.FromMinutes(5);
        List<PublishedEvent> captured =
        [
            .. await Outboxes.CaptureAsync(system.Plan, typeof(PlanDbContext), municipality, timeout),
            .. await Outboxes.CaptureAsync(system.Budget, typeof(BudgetDbContext), municipality, timeout),
            .. await Outboxes.CaptureAsync(system.Subsidy, typeof(SubsidyDbContext), municipality, timeout),
        ];
        var consumes = Outboxes.ConsumedBy(typeof(ReportingApp).Assembly);
        var events = captured.Where(e => consumes.Contains(e.Type)).ToList();

        // Started once so its queues exist and are bound, then stopped: what is published now waits there.
        await using var replayed = await ReplayedService.StartAsync(ReportingApp.Create, "Reporting", "b_backlog",
            (database, vhost) => BenchmarkSystem.Settings("Reporting", database, vhost));
        await replayed.StopAsync();
        var published = System.Diagnostics.Stopwatch.GetTimestamp();
        await replayed.PublishAsync(events, inFlight: 64);
        var publishSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(published).TotalSeconds;

        var probe = new ConsumptionProbe();
        await replayed.ResumeAsync(builder => builder.Services.AddConsumeObserver(_ => probe));
        var deadline = DateTime.UtcNow.AddMinutes(15);
        while (probe.Count < events.Count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the backlog instance had consumed {probe.Count} of {events.Count} events after 15 min");
            await Task.Delay(50, ct);
        }
        var service = replayed.Service!;
        // each one, not only as many
        await Outboxes.ConsumedAsync(service, typeof(ReportingDbContext), events.Select(e => e.MessageId), TimeSpan.FromMinutes(2));

        var consumed = probe.Snapshot();
        var (first, last) = (consumed.Min(c => c.At), consumed.Max(c => c.At));
        var drained = await new ReportingService.ReportingServiceClient(service.Channel)
            .GetDepartmentSummaryAsync(request, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: ct));
        return new BacklogResult(events.Count, publishSeconds, consumed.Count / (last - first).TotalSeconds, (last - first).TotalSeconds,
            Percentiles.Of(consumed.Select(c => c.InConsumerMs)), probe.Faults, drained.Equals(live), drained);
    }
}

/// <summary>
/// The backlog phase's figures: events delivered (and how long publishing them took), the drain's
/// rate and duration from first to last consumed, consumer work per event, consumer faults
/// (retried), and whether the drained instance's department summary equals the live one.
/// </summary>
public sealed record BacklogResult(int Events, double PublishSeconds, double EventsPerSecond, double DrainSeconds,
    (double P50, double P99, double Max) InConsumerMs, int Faults, bool SummaryEqual, Report Summary);
