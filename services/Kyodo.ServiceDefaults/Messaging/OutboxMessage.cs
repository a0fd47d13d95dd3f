namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>
/// An integration event waiting to be published, stored in the same transaction as the
/// change it describes. The relay publishes rows in <see cref="Sequence"/> order.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Insertion order; publishing follows it, so events of one aggregate keep their order.</summary>
    public long Sequence { get; private set; }

    /// <summary>The event's id, sent as the broker message id so inboxes can de-duplicate.</summary>
    public Guid MessageId { get; private set; }

    /// <summary>Full name of the contract type in Kyodo.Contracts.</summary>
    public string MessageType { get; private set; } = "";

    /// <summary>The event serialised as JSON.</summary>
    public string Payload { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>
    /// The W3C traceparent of the span that wrote the event (the request's, in a service), so the
    /// relay publishes it within the same trace: gateway → service → database → relay → broker →
    /// consumer read as one trace. Null when nothing traced the write. (tracestate is not kept:
    /// Kyodo sets none, and it would double the column for what vendors add at the edge.)
    /// </summary>
    public string? TraceParent { get; private set; }

    /// <summary>
    /// Set when the row can never be published (its type or payload no longer reads): it is
    /// set aside, logged as an error, and no longer holds back the rows after it.
    /// </summary>
    public DateTimeOffset? DeadLetteredAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    private OutboxMessage() { }

    internal OutboxMessage(Guid messageId, string messageType, string payload, DateTimeOffset occurredAt, string? traceParent)
    {
        MessageId = messageId;
        MessageType = messageType;
        Payload = payload;
        OccurredAt = occurredAt.ToUniversalTime(); // timestamptz stores UTC only
        TraceParent = traceParent;
    }

    internal void MarkSent(DateTimeOffset at)
    {
        SentAt = at;
        Attempts++;
        LastError = null;
    }

    internal void MarkDeadLettered(DateTimeOffset at, string error)
    {
        DeadLetteredAt = at;
        MarkFailed(error);
    }

    internal void MarkFailed(string error)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
    }
}
