using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kyodo.ServiceDefaults.Data;

/// <summary>
/// <c>SELECT … FOR UPDATE</c> from LINQ: the rows a query marked <see cref="ForUpdate{T}"/> reads are
/// row-locked until the transaction ends, and read in the same round trip as the lock. EF has no
/// operator for it, and reading through FromSql cannot map entities with owned types kept in their
/// owner's table (EF looks for the owned columns under its default names), so the query is tagged and
/// <see cref="RowLockInterceptor"/> appends the clause to its SQL.
/// </summary>
public static class RowLocks
{
    internal const string Tag = "kyodo:for-update";

    /// <summary>Rows read through this are locked FOR UPDATE until the transaction ends. Use on one table's rows, inside a
    /// transaction.</summary>
    public static IQueryable<T> ForUpdate<T>(this IQueryable<T> rows) => rows.TagWith(Tag);
}

/// <summary>Appends FOR UPDATE to the queries <see cref="RowLocks.ForUpdate{T}"/> tagged (EF writes the tag as a leading SQL
/// comment).</summary>
public sealed class RowLockInterceptor : DbCommandInterceptor
{
    private static readonly string Marker = "-- " + RowLocks.Tag;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result)
    {
        Lock(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Lock(command);
        return ValueTask.FromResult(result);
    }

    private static void Lock(DbCommand command)
    {
        if (command.CommandText.StartsWith(Marker, StringComparison.Ordinal))
            command.CommandText = command.CommandText.TrimEnd().TrimEnd(';') + " FOR UPDATE";
    }
}
