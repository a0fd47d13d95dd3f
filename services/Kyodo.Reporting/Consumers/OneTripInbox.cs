using MassTransit;
using Npgsql;

namespace Kyodo.Reporting.Consumers;

/// <summary>
/// The inbox for the read-model writes that go in one round trip (<see cref="Kyodo.Reporting.ReadModels.ItemStatements"/>,
/// <see cref="Kyodo.Reporting.ReadModels.RecordStatements"/>, <see cref="Kyodo.Reporting.ReadModels.EvaluationCycleStatements"/>):
/// the message id is claimed in the same batch and implicit transaction as the statements
/// (<see cref="GroupCommit"/>, which joins the messages of concurrent consumers), so the claim and the
/// change commit together or not at all, as <see cref="ServiceDefaults.Messaging.Inbox"/>'s do. A
/// redelivered message runs the statements again, which change nothing: they keep the highest
/// revision and rewrite a revision's contents as they were.
/// </summary>
internal static class OneTripInbox
{
    /// <param name="write">The message's statements; called once per attempt (a batch that failed runs its messages again alone).</param>
    public static Task ConsumeAsync(GroupCommit commits, ConsumeContext context, string consumer,
        Func<IEnumerable<NpgsqlBatchCommand>> write)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A message for {consumer} arrived without a message id; it cannot be de-duplicated.");
        var entry = new InboxEntry(messageId, consumer, context.SupportedMessageTypes.FirstOrDefault() ?? "", DateTimeOffset.UtcNow);
        return commits.CommitAsync(entry, write, context.CancellationToken);
    }
}
