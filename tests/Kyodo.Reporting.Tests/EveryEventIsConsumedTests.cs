using Kyodo.Contracts;
using Kyodo.Reporting.Consumers;
using MassTransit;

namespace Kyodo.Reporting.Tests;

/// <summary>Reporting's read models come from every domain event: an event added to the contracts without a consumer fails here.</summary>
public sealed class EveryEventIsConsumedTests
{
    private static readonly string[] PublishingServices = ["Kyodo.Contracts.Plan", "Kyodo.Contracts.Budget", "Kyodo.Contracts.Subsidy"];

    [Fact]
    public void EveryIntegrationEventOfPlanBudgetAndSubsidyHasAReportingConsumer()
    {
        var events = typeof(IIntegrationEvent).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
            .ToList();
        var consumed = typeof(PlanEventsConsumer).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => i.GetGenericArguments()[0])
            .ToHashSet();

        Assert.True(events.Count >= 20, $"found only {events.Count} events in Kyodo.Contracts"); // the search itself finds them
        Assert.All(events, e => Assert.Contains(e.Namespace, PublishingServices)); // no event outside the three services' folders goes unchecked
        var unconsumed = events.Where(e => !consumed.Contains(e)).Select(e => e.FullName).Order().ToList();
        Assert.True(unconsumed.Count == 0, "Integration events reporting does not consume: " + string.Join(", ", unconsumed));
    }
}
