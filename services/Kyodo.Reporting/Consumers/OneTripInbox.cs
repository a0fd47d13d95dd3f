using Kyodo.Contracts;
using Kyodo.Reporting.ReadModels;
using MassTransit;
using Npgsql;

namespace Kyodo.Reporting.Consumers;

/// <summary>
/// The inbox for the read-model writes that go in one round trip (<see cref="ItemStatements"/>,
/// <see cref="RecordStatements"/>, <see cref="EvaluationCycleStatements"/>):
/// the message id is claimed in the same batch and implicit transaction as the statements
/// (<see cref="GroupCommit"/>, which joins the messages of concurrent consumers, and their items into one set of
/// statements), so the claim and the change commit together or not at all, as <see cref="ServiceDefaults.Messaging.Inbox"/>'s do. A
/// redelivered message runs the statements again, which change nothing: they keep the highest
/// revision and rewrite a revision's contents as they were.
/// </summary>
internal static class OneTripInbox
{
    /// <param name="write">The message's statements; called once per attempt (a batch that failed runs its messages again alone).</param>
    public static Task ConsumeAsync<T>(GroupCommit commits, ConsumeContext<T> context, string consumer,
        Func<IEnumerable<NpgsqlBatchCommand>> write) where T : class, IIntegrationEvent =>
        commits.CommitAsync(context.Message.MunicipalityCode, Entry(context, consumer), write, context.CancellationToken);

    /// <param name="record">The message's record, which group commit writes with the other records of its table in its batch.</param>
    public static Task ConsumeAsync<T>(GroupCommit commits, ConsumeContext<T> context, string consumer, VersionedRecord record)
        where T : class, IIntegrationEvent =>
        commits.CommitAsync(context.Message.MunicipalityCode, Entry(context, consumer), record, context.CancellationToken);

    /// <param name="item">The message's item, which group commit writes with the other items of its batch.</param>
    public static Task ConsumeAsync(GroupCommit commits, ConsumeContext context, string consumer, ItemWrite item) =>
        commits.CommitAsync(Entry(context, consumer), item, context.CancellationToken);

    private static InboxEntry Entry(ConsumeContext context, string consumer)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A message for {consumer} arrived without a message id; it cannot be de-duplicated.");
        return new InboxEntry(messageId, consumer, context.SupportedMessageTypes.FirstOrDefault() ?? "", DateTimeOffset.UtcNow);
    }
}
