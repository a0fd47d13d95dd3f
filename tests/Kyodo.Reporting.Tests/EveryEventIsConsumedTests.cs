using Kyodo.Contracts;
using Kyodo.Reporting.Consumers;
using Kyodo.ServiceDefaults.Messaging;
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
        // no event outside the three services' folders goes unchecked
        Assert.All(events, e => Assert.Contains(e.Namespace, PublishingServices));
        // Events addressed to one service ([SentTo]: what subsidy tells budget to finish or undo) never reach
        // reporting; that service's own tests check it consumes them (budget: MoneyStepMessagesTests).
        var published = events.Where(e => IntegrationEventTypes.DestinationOf(e) is null).ToList();
        Assert.NotEqual(events.Count, published.Count); // the addressed ones are found, so the rule is exercised
        var unconsumed = published.Where(e => !consumed.Contains(e)).Select(e => e.FullName).Order().ToList();
        Assert.True(unconsumed.Count == 0, "Integration events reporting does not consume: " + string.Join(", ", unconsumed));
    }
}
