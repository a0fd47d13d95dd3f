using Npgsql;
using NpgsqlTypes;

namespace Kyodo.Reporting.ReadModels;

/// <summary>
/// A record's whole state as one statement, as <see cref="Kyodo.Reporting.Consumers.Versioned"/>
/// applies it through EF: the row is inserted, or an existing row takes the state only when it is
/// newer (a higher revision; listed, from a rebuild, also over a tombstone of its revision), so
/// duplicates and reordering end in the ordered state. One statement instead of EF's read, write
/// and save: the consumers send it with their inbox claim in one round trip.
/// </summary>
public static class VersionedStatements
{
    /// <summary>A column of a statement: its name, type and value (null is SQL NULL).</summary>
    public readonly record struct Column(string Name, NpgsqlDbType Type, object? Value);

    /// <param name="listed">From a rebuild's list: the record lives, so it also replaces a tombstone of its own revision (tables with a
    /// deleted column).</param>
    /// <param name="insertOnly">Columns a new row takes and an existing one keeps (as the EF path leaves properties its apply does not
    /// set).</param>
    public static NpgsqlBatchCommand Upsert(string table, string[] key, bool listed, Column[] columns, params string[] insertOnly) =>
        Command($"""
            INSERT INTO {table} AS t ({Names(columns)}) VALUES ({Values(columns)})
            {OnConflict(key, listed, columns, insertOnly)}
            """, columns);

    /// <summary>The clause of <see cref="Upsert"/> that makes a stored row (alias t) take the inserted state when it is newer.</summary>
    public static string OnConflict(string[] key, bool listed, Column[] columns, string[] insertOnly)
    {
        var updates = string.Join(", ",
            columns.Where(c => !key.Contains(c.Name) && !insertOnly.Contains(c.Name)).Select(c => $"\"{c.Name}\" = EXCLUDED.\"{c.Name}\""));
        var revives = listed ? " OR (t.revision = EXCLUDED.revision AND t.deleted)" : "";
        return $"""
            ON CONFLICT ({string.Join(", ", key)}) DO UPDATE SET {updates}
            WHERE t.revision < EXCLUDED.revision{revives}
            """;
    }

    // timestamptz stores UTC only
    public static Column AsOf(DateTimeOffset at) => new("as_of", NpgsqlDbType.TimestampTz, at.ToUniversalTime());

    public static string Names(Column[] columns) => string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
    public static string Values(Column[] columns) => string.Join(", ", columns.Select((_, i) => $"@p{i}"));

    /// <summary><paramref name="sql"/> with the columns' values as parameters @p0, @p1, … in their order.</summary>
    public static NpgsqlBatchCommand Command(string sql, Column[] columns)
    {
        var command = new NpgsqlBatchCommand(sql);
        for (var i = 0; i < columns.Length; i++)
            command.Parameters.Add(new NpgsqlParameter($"p{i}", columns[i].Type) { Value = columns[i].Value ?? DBNull.Value });
        return command;
    }
}
