using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kyodo.ServiceDefaults.Data;

/// <summary>
/// Saves inside an explicit transaction without EF's savepoint. EF wraps such a save in
/// <c>SAVEPOINT</c> … <c>RELEASE SAVEPOINT</c>, two more round trips on every write that locks
/// (Reserve, Commit, Release, Award, item writes under the plan's lock), so that a failed save would
/// leave the transaction usable. No Kyodo write goes on after a failed save: the error ends the call,
/// and the transaction is rolled back whole when it is disposed. The profile of Reserve showed the
/// savepoints among its statements.
/// </summary>
public sealed class NoSavepointsInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        TurnOff(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        TurnOff(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void TurnOff(DbContext? db)
    {
        if (db is not null) db.Database.AutoSavepointsEnabled = false;
    }
}
