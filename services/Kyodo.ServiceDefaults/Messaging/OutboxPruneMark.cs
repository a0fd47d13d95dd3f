namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>
/// How far <see cref="OutboxPruning{TContext}"/> has deleted the outbox: the one row of outbox_pruned. The rows published by
/// the time pruning passed them, up to <see cref="PrunedThrough"/>, are gone; the rows up to it still there were not published
/// then (waiting, or set aside) and are still listed. ListPublishedEvents tells a consumer this (<c>pruned_through</c>), so that
/// a sequence missing from the listing below it is not taken for a rolled-back write (decision 039).
/// </summary>
public sealed class OutboxPruneMark
{
    /// <summary>Always 1: the table holds one row.</summary>
    public int Id { get; private set; }
    public long PrunedThrough { get; private set; }
    public DateTimeOffset PrunedAt { get; private set; }

    private OutboxPruneMark() { }
}
