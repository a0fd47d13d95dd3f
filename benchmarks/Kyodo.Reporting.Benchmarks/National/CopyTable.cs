using Npgsql;
using NpgsqlTypes;

namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>One column of a binary COPY: its name and how to write a row's value (null as NULL).</summary>
public sealed record CopyColumn<T>(string Name, Action<NpgsqlBinaryImporter, T> Write)
{
    public static CopyColumn<T> Of<TValue>(string name, NpgsqlDbType type, Func<T, TValue> value) =>
        new(name, (importer, row) =>
        {
            if (value(row) is { } v) importer.Write(v, type);
            else importer.WriteNull();
        });
}

/// <summary>
/// A read-model table written with COPY … FROM STDIN (FORMAT BINARY), the fastest way PostgreSQL
/// takes rows; synchronous (the importer buffers), so millions of values cost no task each.
/// </summary>
public sealed class CopyTable<T>(string table, params CopyColumn<T>[] columns)
{
    /// <summary>The table with these columns taken from a part of a larger row, and <paramref name="more"/> of that row.</summary>
    public CopyTable<TRow> Of<TRow>(Func<TRow, T> part, params CopyColumn<TRow>[] more) =>
        new(table, [.. columns.Select(c => new CopyColumn<TRow>(c.Name, (importer, row) => c.Write(importer, part(row)))), .. more]);

    public long Write(NpgsqlConnection connection, IEnumerable<T> rows)
    {
        var count = 0L;
        using var importer = connection.BeginBinaryImport(
            $"COPY {table} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            importer.StartRow();
            foreach (var column in columns) column.Write(importer, row);
            count++;
        }
        importer.Complete();
        return count;
    }
}
