using Kyodo.Reporting.Data;
using MassTransit;
using Npgsql;
using NpgsqlTypes;

namespace Kyodo.Reporting.Consumers;

/// <summary>
/// The inbox for the read-model writes that go in one round trip (<see cref="Kyodo.Reporting.ReadModels.ItemStatements"/>):
/// the message id is claimed by the first statement of the same batch, one implicit transaction, so
/// the claim and the change commit together or not at all, as <see cref="ServiceDefaults.Messaging.Inbox"/>'s do.
/// A redelivered message runs the statements again, which change nothing: they keep the highest
/// revision and rewrite a revision's contents as they were.
/// </summary>
internal static class OneTripInbox
{
    public static Task ConsumeAsync(ReportingDbContext db, ConsumeContext context, string consumer, IEnumerable<NpgsqlBatchCommand> write)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A message for {consumer} arrived without a message id; it cannot be de-duplicated.");
        var claim = new NpgsqlBatchCommand("""
            INSERT INTO inbox_messages (message_id, consumer, message_type, received_at) VALUES (@message, @consumer, @type, @at) ON CONFLICT DO NOTHING
            """);
        claim.Parameters.Add(new NpgsqlParameter("message", NpgsqlDbType.Uuid) { Value = messageId });
        claim.Parameters.Add(new NpgsqlParameter("consumer", NpgsqlDbType.Text) { Value = consumer });
        claim.Parameters.Add(new NpgsqlParameter("type", NpgsqlDbType.Text) { Value = context.SupportedMessageTypes.FirstOrDefault() ?? "" });
        claim.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = DateTimeOffset.UtcNow });
        return db.RunInOneTripAsync([claim, .. write], context.CancellationToken);
    }
}
