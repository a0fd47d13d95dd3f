using Kyodo.Contracts;
using MassTransit;

namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>
/// Names the exchange of every event contract by its version (<see cref="EventContracts.ExchangeName"/>),
/// where MassTransit would name it after the .NET type; other message types keep MassTransit's names.
/// Publishers and consumers must agree, so every bus of Kyodo's (and of its tests) uses it.
/// </summary>
public sealed class VersionedEventNames(IEntityNameFormatter others) : IEntityNameFormatter
{
    public string FormatEntityName<T>() =>
        EventContracts.IsContract(typeof(T)) ? EventContracts.ExchangeName(typeof(T)) : others.FormatEntityName<T>();
}

public static class EventExchanges
{
    /// <summary>
    /// Publishes and binds events on their versioned exchanges, and only there: MassTransit would
    /// also make an exchange for IIntegrationEvent, which nobody consumes and which carries no version.
    /// </summary>
    public static void UseVersionedEventExchanges(this IRabbitMqBusFactoryConfigurator rabbit)
    {
        rabbit.MessageTopology.SetEntityNameFormatter(new VersionedEventNames(rabbit.MessageTopology.EntityNameFormatter));
        rabbit.Publish<IIntegrationEvent>(p => p.Exclude = true);
    }
}
