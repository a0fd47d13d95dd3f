namespace Kyodo.Contracts;

/// <summary>
/// An event addressed to one service rather than published to whoever listens: the outbox relay
/// sends it to the named queue, which the send itself declares (durable), so it waits there for
/// the addressed service even when that service has not started yet. Events without it are
/// published (RabbitMQ then drops them while no queue is bound: the start order, README).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SentToAttribute(string queue) : Attribute
{
    public string Queue { get; } = queue;
}
