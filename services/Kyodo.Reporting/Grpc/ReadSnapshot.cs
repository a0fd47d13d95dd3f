using System.Data;
using Kyodo.Reporting.Data;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.Grpc;

/// <summary>
/// A report reads several tables while consumers keep writing them; reading them in one
/// repeatable-read snapshot makes what a report counts and the freshness it states agree
/// (otherwise a row committed between two queries is counted but not dated, or the reverse).
/// </summary>
internal static class ReadSnapshot
{
    public static async Task<T> InSnapshotAsync<T>(this ReportingDbContext db, Func<Task<T>> read, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var result = await read();
        await transaction.CommitAsync(ct);
        return result;
    }
}
