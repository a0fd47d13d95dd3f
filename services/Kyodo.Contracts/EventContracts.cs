using System.Reflection;

namespace Kyodo.Contracts;

/// <summary>
/// Raises an event contract's version when its record changes in a way an existing subscriber
/// cannot read (a property removed, renamed or retyped). The new version is a new record
/// published on its own exchange beside the old one, which keeps its shape: see events/README.md.
/// A contract without it is version 1.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ContractVersionAttribute(int version) : Attribute
{
    public int Version { get; } = version;
}

/// <summary>
/// The published events as contracts for other systems: each concrete record implementing
/// <see cref="IIntegrationEvent"/>, its area (the folder it is in: plan, budget, subsidy), its
/// version, and the RabbitMQ exchange it is published on, <c>kyodo.&lt;area&gt;.v&lt;n&gt;.&lt;Record&gt;</c>
/// (<c>kyodo.subsidy.v1.ApplicationStatusChanged</c>), named like the proto packages.
/// </summary>
public static class EventContracts
{
    public static IReadOnlyList<Type> All { get; } = typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();

    public static bool IsContract(Type type) =>
        type is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(type);

    /// <summary>"subsidy" for Kyodo.Contracts.Subsidy.ApplicationStatusChanged.</summary>
    public static string AreaOf(Type contract) => contract.Namespace![(contract.Namespace!.LastIndexOf('.') + 1)..].ToLowerInvariant();

    public static int VersionOf(Type contract) => contract.GetCustomAttribute<ContractVersionAttribute>()?.Version ?? 1;

    /// <summary>The exchange the event is published on: <c>kyodo.subsidy.v1.ApplicationStatusChanged</c>.</summary>
    public static string ExchangeName(Type contract) => $"kyodo.{AreaOf(contract)}.v{VersionOf(contract)}.{contract.Name}";

    /// <summary>
    /// The exchange name before versioned names (MassTransit's default, <c>Kyodo.Contracts.Subsidy:ApplicationStatusChanged</c>),
    /// still fed from the versioned exchange while Messaging:LegacyExchangeNames is on.
    /// </summary>
    public static string LegacyExchangeName(Type contract) => $"{contract.Namespace}:{contract.Name}";
}
