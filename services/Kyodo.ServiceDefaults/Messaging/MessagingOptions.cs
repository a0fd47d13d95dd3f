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
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

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

    public TimeSpan[] EffectiveConsumerRetryIntervals =>
        ConsumerRetryIntervals is { Length: > 0 } configured
            ? configured
            : [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];
}
