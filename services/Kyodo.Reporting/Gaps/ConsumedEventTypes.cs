using Kyodo.Contracts;
using MassTransit;

namespace Kyodo.Reporting.Gaps;

/// <summary>The event contracts reporting's consumers take: the only outbox rows it must hold.</summary>
internal static class ConsumedEventTypes
{
    public static IReadOnlySet<string> Names { get; } = typeof(ConsumedEventTypes).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false })
        .SelectMany(t => t.GetInterfaces())
        .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
        .Select(i => i.GetGenericArguments()[0])
        .Where(EventContracts.IsContract)
        .Select(t => t.FullName!)
        .ToHashSet(StringComparer.Ordinal);
}
