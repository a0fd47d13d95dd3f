using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Data;

/// <summary>Reads of plans compiled once, for the calls the profiles found hot.</summary>
internal static class PlanQueries
{
    // GetPlan's LINQ spent a fifth of its handler's samples on EF building, funcletizing and looking up
    // the query in its cache on every call (profile of 2026-12-06); a compiled query does that once.
    // A null scope (a caller who reaches every municipality) is a parameter EF specialises the SQL for.
    private static readonly Func<PlanDbContext, Guid, string?, CancellationToken, Task<Domain.Plan?>> ReachablePlan =
        EF.CompileAsyncQuery((PlanDbContext db, Guid id, string? scope, CancellationToken ct) =>
            db.Plans.AsNoTracking().SingleOrDefault(p => p.Id == id && (scope == null || p.MunicipalityCode == scope)));

    /// <summary>The plan, untracked, when it is of <paramref name="municipalityScope"/> (the caller's; null reaches every one); else
    /// null, exactly as for a missing plan.</summary>
    public static Task<Domain.Plan?> ReachablePlanAsync(this PlanDbContext db, Guid id, string? municipalityScope,
        CancellationToken ct) => ReachablePlan(db, id, municipalityScope, ct);
}
