using System.Threading.Channels;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Kyodo.Reporting.Consumers;

/// <summary>A consumed message as the inbox records it: its id, the consumer that took it, its type, when it was received.</summary>
public sealed record InboxEntry(Guid MessageId, string Consumer, string MessageType, DateTimeOffset ReceivedAt);

/// <summary>
/// Group commit of the consumers' one-trip writes (<see cref="OneTripInbox"/>). Each consumer hands
/// in its message's inbox entry and statements and waits; a writer takes whatever has queued for it
/// (up to <see cref="GroupCommitOptions.MaxMessages"/>) and sends it as one batch: one multi-row
/// inbox claim, every item of the batch in three set-based statements (<see cref="ItemStatements"/>),
/// the budget lines and applications in one statement a table (<see cref="VersionedRecords"/>),
/// every other message's statements in the order they arrived, one implicit transaction, one round
/// trip. A profile of the backlog drain showed the consumers waiting on round trips (Npgsql's
/// socket calls), not on PostgreSQL's work. While a batch is out the next one gathers, so a message
/// that finds the writer idle goes at once: nothing waits for a batch to fill, and the lag at low
/// rates is what it was.
/// <para>
/// There are <see cref="GroupCommitOptions.Writers"/> writers, each with its own queue and
/// connection, and a municipality's messages always go to the same one: its messages are written in
/// the order they were handed in, and two writers never touch the same rows (every read-model row,
/// the change stamps included, belongs to one municipality), so they never wait on each other's locks.
/// With one writer the national drain kept one PostgreSQL backend busy and the rest of the machine
/// waiting on it (decision 046).
/// </para>
/// <para>
/// A message's statements change nothing when run again (they keep the highest revision), so
/// a duplicate in the batch, or a redelivery of a message the inbox holds, runs them harmlessly
/// and the claim simply finds its id taken. When a batch fails, each of its messages runs again
/// alone, in its own transaction: the good ones commit and only a bad one fails, back in its own
/// consumer, which MassTransit retries and at last parks in the error queue as before.
/// </para>
/// </summary>
public sealed class GroupCommit : IAsyncDisposable
{
    // Not SingleReader: that kind cannot count what waits.
    private readonly Channel<Pending>[] _queues;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<GroupCommit> _log;
    private readonly int _maxMessages;
    private readonly Task[] _writers;

    public GroupCommit(IServiceScopeFactory scopes, IOptions<GroupCommitOptions> options, ILogger<GroupCommit> log)
    {
        (_scopes, _log, _maxMessages) = (scopes, log, options.Value.MaxMessages);
        _queues = [.. Enumerable.Range(0, options.Value.Writers).Select(_ => Channel.CreateUnbounded<Pending>())];
        _writers = [.. _queues.Select(queue => Task.Run(() => WriteAsync(queue.Reader)))];
    }

    /// <summary>Batches taken so far, and the messages in them (a message run again alone after its batch failed counts once
    /// more).</summary>
    public (long Batches, long Messages) Sent => (Interlocked.Read(ref _batches), Interlocked.Read(ref _messages));
    private long _batches, _messages;

    /// <summary>Messages handed in and not yet taken into a batch.</summary>
    public int Waiting => _queues.Sum(queue => queue.Reader.Count);

    /// <summary>
    /// Claims <paramref name="entry"/> in the inbox and runs the statements <paramref name="statements"/>
    /// gives (called again for a second attempt) in the same transaction; completes once committed.
    /// The statements change rows of <paramref name="municipality"/> only.
    /// </summary>
    public Task CommitAsync(string municipality, InboxEntry entry, Func<IEnumerable<NpgsqlBatchCommand>> statements, CancellationToken ct)
    {
        // Built here, on the consumer's thread, so the writer only sends: the profile showed it the bottleneck once it built them too.
        return Enqueue(municipality, new Pending(entry, statements().ToList(), statements), ct);
    }

    /// <summary>
    /// Claims <paramref name="entry"/> in the inbox and writes <paramref name="item"/> in the same transaction, with every other
    /// item of its batch (<see cref="ItemStatements"/>); completes once committed.
    /// </summary>
    public Task CommitAsync(InboxEntry entry, ItemWrite item, CancellationToken ct) =>
        Enqueue(item.Municipality, new Pending(entry, [], () => [], Item: item), ct);

    /// <summary>
    /// Claims <paramref name="entry"/> in the inbox and writes <paramref name="record"/> of <paramref name="municipality"/> in the
    /// same transaction, with every other record of its table in its batch (<see cref="VersionedRecords"/>); completes once
    /// committed.
    /// </summary>
    public Task CommitAsync(string municipality, InboxEntry entry, VersionedRecord record, CancellationToken ct) =>
        Enqueue(municipality, new Pending(entry, [], () => [], Record: record), ct);

    private Task Enqueue(string municipality, Pending pending, CancellationToken ct)
    {
        var queue = _queues[WriterOf(municipality)];
        if (!queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(GroupCommit), "The reporting service is stopping.");
        // A consumer stopped waiting (shutdown) may still see its message committed: its redelivery then changes nothing.
        return pending.Done.Task.WaitAsync(ct);
    }

    /// <summary>The writer of every message of <paramref name="municipality"/>: FNV-1a of its code, so the same in every process and
    /// every run (string's own hash code differs between processes).</summary>
    private int WriterOf(string municipality)
    {
        var hash = 2166136261u;
        foreach (var c in municipality) hash = (hash ^ c) * 16777619u;
        return (int)(hash % (uint)_queues.Length);
    }

    private async Task WriteAsync(ChannelReader<Pending> queue)
    {
        var batch = new List<Pending>(_maxMessages);
        while (await queue.WaitToReadAsync())
        {
            while (batch.Count < _maxMessages && queue.TryRead(out var pending)) batch.Add(pending);
            try
            {
                await CommitAsync(batch);
            }
            catch (Exception e) // none is expected; but a writer that stopped would leave every consumer waiting for ever
            {
                foreach (var pending in batch) pending.Done.TrySetException(e);
            }
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            await RunAsync(batch);
            foreach (var pending in batch) pending.Done.TrySetResult();
            return;
        }
        catch (Exception e) when (batch.Count > 1)
        {
            _log.LogInformation("A batch of {Count} read-model writes failed ({Error}); running each alone", batch.Count, e.Message);
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
            return;
        }
        foreach (var pending in batch)
        {
            try
            {
                await RunAsync([pending], again: true); // statements built anew: a batch's commands are not sent twice
                pending.Done.TrySetResult();
            }
            catch (Exception e)
            {
                pending.Done.TrySetException(e);
            }
        }
    }

    private async Task RunAsync(IReadOnlyList<Pending> batch, bool again = false)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _messages, batch.Count);
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        // Not the consumers' tokens: one consumer giving up must not cancel the others' writes.
        // The items first, all together, then the records, a table at a time: no other statement of a batch writes their tables (an
        // item's, a plan's and a budget line's deletion go through the EF inbox), and each keeps its highest revision whatever the
        // order.
        await db.RunInOneTripAsync(
        [
            Claim(batch.Select(p => p.Entry).ToList()),
            .. ItemStatements.For(batch.Select(p => p.Item).OfType<ItemWrite>(), listed: false),
            .. VersionedRecords.Upserts(batch.Select(p => p.Record).OfType<VersionedRecord>(), listed: false),
            .. batch.SelectMany(p => again ? p.Statements() : p.First),
        ], CancellationToken.None);
    }

    /// <summary>
    /// Every entry of the batch into the inbox in one statement. A message id taken before (a
    /// redelivery) or twice in the batch (a duplicate) is claimed once; the gap watch
    /// (<see cref="Gaps.EventGapCheck"/>) reads these rows to tell which published events arrived.
    /// </summary>
    private static NpgsqlBatchCommand Claim(IReadOnlyList<InboxEntry> entries)
    {
        var claim = new NpgsqlBatchCommand("""
            INSERT INTO inbox_messages (message_id, consumer, message_type, received_at)
            SELECT * FROM unnest(@messages, @consumers, @types, @received) ON CONFLICT DO NOTHING
            """);
        claim.Parameters.Add(
            new NpgsqlParameter("messages", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = entries.Select(e => e.MessageId).ToArray() });
        claim.Parameters.Add(
            new NpgsqlParameter("consumers", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = entries.Select(e => e.Consumer).ToArray() });
        claim.Parameters.Add(
            new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = entries.Select(e => e.MessageType).ToArray() });
        claim.Parameters.Add(new NpgsqlParameter("received", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        { Value = entries.Select(e => e.ReceivedAt.ToUniversalTime()).ToArray() });
        return claim;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in _queues) queue.Writer.TryComplete();
        await Task.WhenAll(_writers); // what was handed in is still written
    }

    private sealed record Pending(InboxEntry Entry, IEnumerable<NpgsqlBatchCommand> First, Func<IEnumerable<NpgsqlBatchCommand>> Statements,
        ItemWrite? Item = null, VersionedRecord? Record = null)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>Group commit's tuning (configuration section "Reporting:GroupCommit").</summary>
public sealed class GroupCommitOptions
{
    public const string Section = "Reporting:GroupCommit";

    /// <summary>
    /// At most this many messages in one batch (1 sends each alone, as before group commit). As many
    /// as the endpoints have in flight together is enough: more never gather.
    /// </summary>
    public int MaxMessages { get; set; } = 256;

    /// <summary>
    /// Batches sent to PostgreSQL at once, each by its own writer on its own connection; a municipality's messages always
    /// take the same writer. 1 sends one batch at a time, as before (decision 046).
    /// </summary>
    public int Writers { get; set; } = 2;
}
