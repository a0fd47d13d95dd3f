using Kyodo.Plan.Data;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

/// <summary>
/// How many backends of this test's database wait on a lock, asked from a connection outside any
/// transaction: inside one, PostgreSQL keeps its first snapshot of pg_stat_activity until the
/// transaction ends, so a lock holder polling for waiters would never see one arrive.
/// </summary>
internal static class LockWaits
{
    public static Task<int> CountAsync(PlanDbContext watcher)
    {
        if (watcher.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("Poll pg_stat_activity outside a transaction: inside one it is a frozen snapshot.");
        return watcher.Database.SqlQuery<int>(
            $"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").SingleAsync();
    }

    /// <summary>Polls until a backend waits on a lock (the service's write reached the held row); fails with <paramref name="call"/>'s error if it ended first.</summary>
    public static async Task UntilOneWaitsAsync(PlanDbContext watcher, Task call, string never)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (call.IsCompleted) await call; // ended without waiting: show why
            if (await CountAsync(watcher) > 0) return;
            await Task.Delay(50);
        }
        throw new TimeoutException(never);
    }
}
