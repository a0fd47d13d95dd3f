using Npgsql;
using NpgsqlTypes;

using static Kyodo.Reporting.ReadModels.VersionedStatements;

namespace Kyodo.Reporting.ReadModels;

/// <summary>
/// A record's whole state as one row of its table (<see cref="VersionedStatements"/>'s columns, key and insert-only columns), to be
/// upserted together with the other records of its table that group commit (Consumers.GroupCommit) gathered.
/// </summary>
public sealed record VersionedRecord(string Table, string[] Key, Column[] Columns, params string[] InsertOnly)
{
    public int Revision => (int)Columns.Single(c => c.Name == "revision").Value!;

    /// <summary>The values of the key's columns, as text: two states of one record have the same.</summary>
    internal string KeyText => string.Join('\u001f', Key.Select(k => Columns.Single(c => c.Name == k).Value));
}

/// <summary>
/// Records of whole state (<see cref="VersionedRecord"/>) written one statement per table, however many: each row is inserted, or
/// replaces a stored row that is older, as <see cref="VersionedStatements.Upsert"/> does for one. In the national drain each budget
/// line and application was a statement of its own, about 18 a batch, each with its start-up and its two change-stamp triggers
/// (MunicipalityStampTriggers) firing another upsert: the items had been written so before ItemStatements (decision 050).
/// </summary>
public static class VersionedRecords
{
    /// <summary>One statement per table of <paramref name="records"/>. Of one record's states only the highest revision is written (the
    /// first of equals, as one after another would leave it), since one statement may not change a row twice.</summary>
    public static IEnumerable<NpgsqlBatchCommand> Upserts(IEnumerable<VersionedRecord> records, bool listed) =>
        records.GroupBy(r => r.Table).Select(table => Upsert(
            [.. table.GroupBy(r => r.KeyText).Select(states => states.MaxBy(r => r.Revision)!)], listed));

    /// <remarks>The rows come in as one array per column, unnested side by side: no JSON to parse (the item statements' JSON was
    /// 12 % of PostgreSQL's samples in the drain's profile), and an array parameter keeps the statement's text, and so its cached
    /// plan, the same for any number of rows.</remarks>
    private static NpgsqlBatchCommand Upsert(IReadOnlyList<VersionedRecord> rows, bool listed)
    {
        var first = rows[0];
        var columns = first.Columns.Select((c, i) => new Column(c.Name, NpgsqlDbType.Array | c.Type, ArrayOf(c.Type, rows, i))).ToArray();
        return Command($"""
            INSERT INTO {first.Table} AS t ({Names(columns)}) SELECT * FROM unnest({Values(columns)})
            {OnConflict(first.Key, listed, first.Columns, first.InsertOnly)}
            """, columns);
    }

    /// <summary>Column <paramref name="i"/> of every row as an array of its type, null where a row has none.</summary>
    private static Array ArrayOf(NpgsqlDbType type, IReadOnlyList<VersionedRecord> rows, int i)
    {
        T?[] Values<T>() where T : struct => [.. rows.Select(r => (T?)r.Columns[i].Value)];
        return type switch
        {
            NpgsqlDbType.Varchar or NpgsqlDbType.Text => rows.Select(r => (string?)r.Columns[i].Value).ToArray(),
            NpgsqlDbType.Uuid => Values<Guid>(),
            NpgsqlDbType.Integer => Values<int>(),
            NpgsqlDbType.Bigint => Values<long>(),
            NpgsqlDbType.Boolean => Values<bool>(),
            NpgsqlDbType.Numeric => Values<decimal>(),
            NpgsqlDbType.TimestampTz => Values<DateTimeOffset>(),
            // An array column would flatten into its neighbours' rows: unnest unpacks every dimension.
            _ => throw new NotSupportedException($"A {type} column ({rows[0].Columns[i].Name}) cannot be upserted as one of many rows."),
        };
    }
}
