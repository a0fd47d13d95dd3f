namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>Outbox relay and consumer retry tuning (configuration section "Messaging").</summary>
public sealed class MessagingOptions
{
    /// <summary>How often the relay looks for unsent rows when nothing woke it.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows published per transaction.</summary>
    public int OutboxBatchSize { get; set; } = 100;

    /// <summary>How long one publish may wait for the broker's confirm before the batch is retried.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First back-off after the broker refused or was away; doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>
    /// At most this long passes between the broker's return and the relay's next attempt: the events
    /// that waited go out within it (an attempt against an absent broker costs one refused connection).
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// While a consumer has lost the broker, how often BrokerWatch asks whether it answers again; the
    /// consumers are restarted within about this long of its return.
    /// </summary>
    public TimeSpan BrokerProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Delays between redeliveries of a failing message to a consumer; after the last one it
    /// goes to the error queue. Unset means 0.2 s, 1 s, 5 s. (Nullable because the
    /// configuration binder appends to, rather than replaces, an array that has defaults.)
    /// </summary>
    public TimeSpan[]? ConsumerRetryIntervals { get; set; }

    /// <summary>
    /// Messages each receive endpoint prefetches and handles at once; unset keeps MassTransit's
    /// defaults. A consumer that mostly waits on its database (reporting's) keeps up with more in
    /// flight than there are CPUs.
    /// </summary>
    public int? ConsumerConcurrency { get; set; }

    /// <summary>
    /// How long a consumer keeps the record of a message it handled (its inbox row, which makes a
    /// redelivery change nothing). Redeliveries come within minutes; the default keeps two weeks.
    /// </summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often the inbox rows older than <see cref="InboxRetention"/> are deleted.</summary>
    public TimeSpan InboxPruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a publisher keeps an outbox row after the broker took it (<see cref="OutboxPruning{TContext}"/>). Consumers'
    /// missing-event watches read rows minutes old, a restore republishes the last minutes before its instant; a consumer away
    /// longer than this learns that it can no longer check what it missed (ListPublishedEvents' pruned_through). Two weeks, as the
    /// inbox's.
    /// </summary>
    public TimeSpan OutboxRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often the outbox rows published before <see cref="OutboxRetention"/> are deleted.</summary>
    public TimeSpan OutboxPruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Whether MassTransit may send its anonymous usage report (bus and endpoint shapes) to its
    /// makers' host on the internet. Off unless an operator turns it on: a city system sends
    /// nothing out of its network uninvited. MassTransit's own MASSTRANSIT_USAGE_TELEMETRY
    /// variable still overrides this, as it overrides any code.
    /// </summary>
    public bool UsageTelemetry { get; set; }

    /// <summary>
    /// Whether each versioned event exchange also feeds the exchange of the event's name before
    /// versioning (LegacyEventExchanges), for subscribers still bound to it. On in this release;
    /// turn it off once none is (events/README.md).
    /// </summary>
    public bool LegacyExchangeNames { get; set; } = true;

    public TimeSpan[] EffectiveConsumerRetryIntervals =>
        ConsumerRetryIntervals is { Length: > 0 } configured
            ? configured
            : [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];
}
