namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>A message a consumer has already handled; written in the same transaction as its effect.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; private set; }

    /// <summary>The consumer that handled it: one message can feed several consumers.</summary>
    public string Consumer { get; private set; } = "";

    public string MessageType { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }

    private InboxMessage() { } // rows are written by IdempotentConsumer with INSERT … ON CONFLICT
}
