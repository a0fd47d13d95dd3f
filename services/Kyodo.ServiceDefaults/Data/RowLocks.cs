using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kyodo.ServiceDefaults.Data;

/// <summary>
/// <c>SELECT … FOR UPDATE</c> and <c>FOR SHARE</c> from LINQ: the rows a query marked <see cref="ForUpdate{T}"/>
/// (or <see cref="ForShare{T}"/>) reads are row-locked until the transaction ends, and read in the same round trip as the lock. EF has no
/// operator for it, and reading through FromSql cannot map entities with owned types kept in their
/// owner's table (EF looks for the owned columns under its default names), so the query is tagged and
/// <see cref="RowLockInterceptor"/> appends the clause to its SQL.
/// </summary>
public static class RowLocks
{
    internal const string UpdateTag = "kyodo:for-update";
    internal const string ShareTag = "kyodo:for-share";

    /// <summary>Rows read through this are locked FOR UPDATE until the transaction ends. Use on one table's rows, inside a
    /// transaction.</summary>
    public static IQueryable<T> ForUpdate<T>(this IQueryable<T> rows) => rows.TagWith(UpdateTag);

    /// <summary>Rows read through this are locked FOR SHARE until the transaction ends: others may read and share-lock them,
    /// none may change them. Use on one table's rows, inside a transaction.</summary>
    public static IQueryable<T> ForShare<T>(this IQueryable<T> rows) => rows.TagWith(ShareTag);
}

/// <summary>Appends FOR UPDATE (FOR SHARE) to the queries <see cref="RowLocks.ForUpdate{T}"/> (<see cref="RowLocks.ForShare{T}"/>)
/// tagged (EF writes the tag as a leading SQL comment).</summary>
public sealed class RowLockInterceptor : DbCommandInterceptor
{
    private static readonly string UpdateMarker = "-- " + RowLocks.UpdateTag;
    private static readonly string ShareMarker = "-- " + RowLocks.ShareTag;

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
        if (command.CommandText.StartsWith(UpdateMarker, StringComparison.Ordinal))
            command.CommandText = command.CommandText.TrimEnd().TrimEnd(';') + " FOR UPDATE";
        else if (command.CommandText.StartsWith(ShareMarker, StringComparison.Ordinal))
            command.CommandText = command.CommandText.TrimEnd().TrimEnd(';') + " FOR SHARE";
    }
}
