using Kyodo.Contracts;

namespace Kyodo.Testing;

/// <summary>One event as a service's outbox stored it: its message id, the event, and its contract type.</summary>
public sealed record PublishedEvent(Guid MessageId, IIntegrationEvent Event, Type Type);
