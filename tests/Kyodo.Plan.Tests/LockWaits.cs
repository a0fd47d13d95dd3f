using Kyodo.Plan.Data;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

/// <summary>
/// Which backends wait on a lock the test's own holder transaction keeps: only those, so a waiter of
/// another test sharing the database never counts. Asked from a connection outside any transaction:
/// inside one, PostgreSQL keeps its first snapshot of pg_stat_activity until the transaction ends, so
/// a lock holder polling for waiters would never see one arrive.
/// </summary>
internal static class LockWaits
{
    /// <summary>The backend of <paramref name="holder"/>'s connection, asked inside the transaction that holds the rows (its connection
    /// stays open).</summary>
    public static Task<int> HolderAsync(PlanDbContext holder)
    {
        if (holder.Database.CurrentTransaction is null)
            throw new InvalidOperationException(
                "Ask the holder's backend inside its transaction: outside one EF may hand the next command another connection.");
        return holder.Database.SqlQuery<int>($"SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
    }

    /// <summary>How many backends wait on a lock <paramref name="holder"/> (a backend pid) holds.</summary>
    public static Task<int> BlockedByAsync(PlanDbContext watcher, int holder)
    {
        if (watcher.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("Poll pg_stat_activity outside a transaction: inside one it is a frozen snapshot.");
        return watcher.Database.SqlQuery<int>(
            $"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE pg_blocking_pids(pid) @> ARRAY[{holder}]").SingleAsync();
    }

    /// <summary>Polls until a backend waits on <paramref name="holder"/>'s locks (the service's write reached the held row); fails with
    /// <paramref name="call"/>'s error if it ended first.</summary>
    public static async Task UntilOneWaitsOnAsync(PlanDbContext watcher, int holder, Task call, string never)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (call.IsCompleted) await call; // ended without waiting: show why
            if (await BlockedByAsync(watcher, holder) > 0) return;
            await Task.Delay(50);
        }
        throw new TimeoutException(never);
    }
}
