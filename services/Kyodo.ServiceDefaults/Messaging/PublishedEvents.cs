using System.Data.Common;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Kyodo.Common.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>
/// ListPublishedEvents, the same in every service with an outbox: the rows after a sequence, and a
/// horizon that tells the caller when the sequences up to a point are final
/// (docs/decisions/039-read-models-notice-gaps.md). A sequence is taken when its row is written, not
/// when it commits, so a listing alone cannot tell a rolled-back write from one still running: the
/// horizon is the first transaction id not yet assigned when the listing was read, and once every
/// transaction below it has ended, no row up to that listing's highest sequence can still appear.
/// </summary>
public static class PublishedEvents
{
    public const int DefaultPageSize = 500;
    public const int MaxPageSize = 1000;

    public static async Task<ListPublishedEventsResponse> ListAsync(DbContext db, ListPublishedEventsRequest request,
        ServerCallContext context)
    {
        new RequestValidation()
            .Check(request.AfterSequence >= 0, "after_sequence", SharedMessages.NotNegative)
            .Check(request.PageSize is >= 0 and <= MaxPageSize, "page_size", SharedMessages.PageSize(DefaultPageSize, MaxPageSize))
            .Check(request.HorizonXid >= 0, "horizon_xid", SharedMessages.NotNegative)
            .ThrowIfInvalid();
        // Every municipality's events, with their ids: not for a caller bound to one municipality or prefecture.
        var access = context.Access();
        if (access.MunicipalityScope is not null || access.PrefectureScope is not null)
            throw new PermissionDeniedException(SharedMessages.OnlyReadersOfEveryMunicipality);

        var ct = context.CancellationToken;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var response = new ListPublishedEventsResponse();
            // One statement, one snapshot: the highest committed sequence (a pruned one too: the outbox may hold none above it)
            // and the transactions not yet started.
            await using (var horizon = Command(connection, """
                SELECT greatest(coalesce((SELECT max(sequence) FROM outbox_messages), 0), p.pruned_through),
                       pg_snapshot_xmax(pg_current_snapshot())::text::bigint, pg_snapshot_xmin(pg_current_snapshot())::text::bigint,
                       clock_timestamp()
                FROM (SELECT coalesce((SELECT pruned_through FROM outbox_pruned), 0) AS pruned_through) AS p
                """))
            await using (var reader = await horizon.ExecuteReaderAsync(ct))
            {
                await reader.ReadAsync(ct);
                response.HorizonSequence = reader.GetInt64(0);
                response.HorizonXid = reader.GetInt64(1);
                // Every transaction below the asked horizon has ended once the oldest still running is at or above it.
                response.HorizonPassed = request.HorizonXid > 0 && reader.GetInt64(2) >= request.HorizonXid;
                response.AsOf = Timestamp.FromDateTimeOffset(reader.GetFieldValue<DateTimeOffset>(3));
            }

            await using (var rows = Command(connection, """
                SELECT sequence, message_id, message_type, coalesce(payload->>'municipalityCode', ''), occurred_at, sent_at,
                    dead_lettered_at IS NOT NULL
                FROM outbox_messages WHERE sequence > @after ORDER BY sequence LIMIT @limit
                """))
            {
                Parameter(rows, "after", request.AfterSequence);
                Parameter(rows, "limit", request.PageSize == 0 ? DefaultPageSize : request.PageSize);
                await using var events = await rows.ExecuteReaderAsync(ct);
                while (await events.ReadAsync(ct)) response.Events.Add(await ReadEventAsync(events, ct));
            }
            // Read after the rows: a row pruned before they were read is below the mark read now (the mark commits with the delete).
            await using (var pruned = Command(connection, "SELECT coalesce((SELECT pruned_through FROM outbox_pruned), 0)"))
                response.PrunedThrough = (long)(await pruned.ExecuteScalarAsync(ct))!;
            return response;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<PublishedEvent> ReadEventAsync(DbDataReader events, CancellationToken ct)
    {
        var published = new PublishedEvent
        {
            Sequence = events.GetInt64(0),
            EventId = events.GetGuid(1).ToString(),
            EventType = events.GetString(2),
            MunicipalityCode = events.GetString(3),
            OccurredAt = Timestamp.FromDateTimeOffset(events.GetFieldValue<DateTimeOffset>(4)),
            SetAside = events.GetBoolean(6),
        };
        if (!await events.IsDBNullAsync(5, ct))
            published.PublishedAt = Timestamp.FromDateTimeOffset(events.GetFieldValue<DateTimeOffset>(5));
        return published;
    }

    private static DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static void Parameter(DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
