using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kyodo.ServiceDefaults.Data;

/// <summary>
/// What one attempt of a call has done with the database, as far as running it again goes: whether
/// anything it wrote may have been committed (a COMMIT was sent, or a command ran outside any
/// transaction and was not a plain SELECT), and which contexts it used. Ambient for the attempt
/// (<see cref="TransientDatabaseRetryInterceptor"/> starts one); null outside calls.
/// </summary>
public sealed class DatabaseAttempt
{
    private static readonly AsyncLocal<DatabaseAttempt?> CurrentAttempt = new();
    private readonly HashSet<DbContext> contexts = [];

    public static DatabaseAttempt? Current => CurrentAttempt.Value;

    public bool MayHaveWritten { get; private set; }

    public IReadOnlyCollection<DbContext> Contexts => contexts;

    public static DatabaseAttempt Start() => CurrentAttempt.Value = new DatabaseAttempt();

    public static void End() => CurrentAttempt.Value = null;

    internal void Used(DbContext? context)
    {
        if (context is not null) contexts.Add(context);
    }

    internal void Wrote() => MayHaveWritten = true;
}

/// <summary>
/// Tells the current <see cref="DatabaseAttempt"/> what the database saw. A failure before any
/// COMMIT left nothing behind (PostgreSQL ends a broken connection's transaction), so the call can
/// run again as if for the first time; once a COMMIT went out its outcome may be unknown.
/// </summary>
public sealed class DatabaseWriteWatch : DbTransactionInterceptor, IDbCommandInterceptor
{
    public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        DatabaseAttempt.Current?.Wrote();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result)
    {
        DatabaseAttempt.Current?.Wrote();
        return result;
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Executing(command, eventData);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Executing(command, eventData);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Executing(command, eventData);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result)
    {
        Executing(command, eventData);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Executing(command, eventData);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Executing(command, eventData);
        return result;
    }

    private static void Executing(DbCommand command, CommandEventData eventData)
    {
        if (DatabaseAttempt.Current is not { } attempt) return;
        attempt.Used(eventData.Context);
        // Outside a transaction a statement commits by itself: anything but a plain read may have.
        if (command.Transaction is null && !IsPlainRead(command.CommandText)) attempt.Wrote();
    }

    private static bool IsPlainRead(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        return text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            && !text.Contains("FOR UPDATE", StringComparison.OrdinalIgnoreCase);
    }
}
