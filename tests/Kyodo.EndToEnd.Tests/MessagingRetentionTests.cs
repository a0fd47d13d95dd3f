using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kyodo.EndToEnd.Tests;

// A messaging table a service forgets to prune grows by every message for ever (43 million rows a day at 500 events/s):
// each service prunes the inbox it consumes into and the outbox it publishes from (decision 052).
public sealed class MessagingRetentionTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    [Fact]
    public void EveryServiceKeepsTheMessagingTablesItWritesToARetention()
    {
        Assert.Equal(["OutboxPruning of PlanDbContext"], Pruned(system.Plan));
        Assert.Equal(["InboxPruning of BudgetDbContext", "OutboxPruning of BudgetDbContext"], Pruned(system.Budget));
        Assert.Equal(["InboxPruning of SubsidyDbContext", "OutboxPruning of SubsidyDbContext"], Pruned(system.Subsidy));
        Assert.Equal(["InboxPruning of ReportingDbContext"], Pruned(system.Reporting));
    }

    /// <summary>The pruning services running in <paramref name="service"/>, as "OutboxPruning of PlanDbContext".</summary>
    private static string[] Pruned(ServiceUnderTest service) =>
    [
        .. service.Services.GetServices<IHostedService>()
            .Select(h => h.GetType())
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() is var kind
                && (kind == typeof(InboxPruning<>) || kind == typeof(OutboxPruning<>)))
            .Select(t => $"{t.Name[..t.Name.IndexOf('`')]} of {t.GetGenericArguments()[0].Name}")
            .Order(StringComparer.Ordinal),
    ];
}
