namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>
/// An integration event waiting to be published, stored in the same transaction as the
/// change it describes. The relay publishes rows in <see cref="Sequence"/> order.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Commit order; publishing follows it, so events of one aggregate keep their order.</summary>
    public long Sequence { get; private set; }

    /// <summary>The event's id, sent as the broker message id so inboxes can de-duplicate.</summary>
    public Guid MessageId { get; private set; }

    /// <summary>Full name of the contract type in Kyodo.Contracts.</summary>
    public string MessageType { get; private set; } = "";

    /// <summary>The event serialised as JSON.</summary>
    public string Payload { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    private OutboxMessage() { }

    internal OutboxMessage(Guid messageId, string messageType, string payload, DateTimeOffset occurredAt)
    {
        MessageId = messageId;
        MessageType = messageType;
        Payload = payload;
        OccurredAt = occurredAt.ToUniversalTime(); // timestamptz stores UTC only
    }

    internal void MarkSent(DateTimeOffset at)
    {
        SentAt = at;
        Attempts++;
        LastError = null;
    }

    internal void MarkFailed(string error)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
    }
}

/// <summary>A message a consumer has already handled; written in the same transaction as its effect.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; private set; }

    /// <summary>The consumer that handled it: one message can feed several consumers.</summary>
    public string Consumer { get; private set; } = "";

    public string MessageType { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }

    private InboxMessage() { }

    internal InboxMessage(Guid messageId, string consumer, string messageType, DateTimeOffset receivedAt)
    {
        MessageId = messageId;
        Consumer = consumer;
        MessageType = messageType;
        ReceivedAt = receivedAt;
    }
}
