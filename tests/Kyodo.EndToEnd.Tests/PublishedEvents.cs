using Kyodo.Budget.Data;
using Kyodo.Plan.Data;
using Kyodo.Reporting.Data;
using Kyodo.Subsidy.Data;
using Kyodo.Testing;

namespace Kyodo.EndToEnd.Tests;

/// <summary>The events plan, budget and subsidy published (their outbox rows, <see cref="Outboxes"/>), and whether reporting consumed
/// them.</summary>
public static class PublishedEvents
{
    /// <summary>The event types reporting subscribes to: only these reach its inbox.</summary>
    public static IReadOnlySet<Type> ReportingConsumes { get; } = Outboxes.ConsumedBy(typeof(Kyodo.Reporting.ReportingApp).Assembly);

    /// <summary>Every outbox row of the three services that belongs to <paramref name="municipality"/>, in each outbox's order.</summary>
    public static async Task<List<PublishedEvent>> CaptureAsync(SystemFixture system, string municipality) =>
    [
        .. await Outboxes.CaptureAsync(system.Plan, typeof(PlanDbContext), municipality, TimeSpan.FromSeconds(60)),
        .. await Outboxes.CaptureAsync(system.Budget, typeof(BudgetDbContext), municipality, TimeSpan.FromSeconds(60)),
        .. await Outboxes.CaptureAsync(system.Subsidy, typeof(SubsidyDbContext), municipality, TimeSpan.FromSeconds(60)),
    ];

    /// <summary>Waits until <paramref name="reporting"/>'s inbox holds every event of <paramref name="events"/> it subscribes to.</summary>
    public static Task ConsumedAsync(ServiceUnderTest reporting, IEnumerable<PublishedEvent> events) =>
        Outboxes.ConsumedAsync(reporting, typeof(ReportingDbContext),
            events.Where(e => ReportingConsumes.Contains(e.Type)).Select(e => e.MessageId), TimeSpan.FromSeconds(90));
}
