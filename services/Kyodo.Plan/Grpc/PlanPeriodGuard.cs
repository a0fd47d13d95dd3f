using Kyodo.Plan.Data;
using Kyodo.Security;
using Kyodo.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Grpc;

/// <summary>
/// A plan's period may shrink only over years its items leave empty: a schedule cell, yearly goal,
/// indicator target or actual in a year the plan would no longer cover would be stranded (item
/// writes refuse such years, reports would drop them). Years outside the old period already
/// (targets printed years ahead, like H34) are not the change's doing and do not block it.
/// </summary>
internal static class PlanPeriodGuard
{
    public const string Reason = "PLAN_PERIOD_WOULD_STRAND_DATA";
    private const int NamedAtMost = 10;

    /// <summary>
    /// Locks the plan's row until the caller's transaction ends: exclusively for a change of its period,
    /// shared for an item write that checks its years against the period. So the period check and the
    /// write it guards cannot interleave with the other side's (a plain SELECT: EF's FromSql would miss xmin).
    /// Only a plan of <paramref name="municipalityScope"/> (the caller's; null reaches every one) is
    /// locked, so a caller naming another city's plan neither waits on its row nor holds it; the
    /// caller's read that follows then finds nothing and answers as for a missing plan.
    /// </summary>
    public static async Task LockPlanAsync(PlanDbContext db, Guid planId, string? municipalityScope, bool exclusive, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A plan's row lock needs the caller's transaction.");
        var query = (exclusive, municipalityScope) switch
        {
            (true, null) => db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM plans WHERE id = {planId} FOR UPDATE"),
            (true, { } code) => db.Database.SqlQuery<Guid>(
                $"SELECT id AS \"Value\" FROM plans WHERE id = {planId} AND municipality_code = {code} FOR UPDATE"),
            (false, null) => db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM plans WHERE id = {planId} FOR SHARE"),
            (false, { } code) => db.Database.SqlQuery<Guid>(
                $"SELECT id AS \"Value\" FROM plans WHERE id = {planId} AND municipality_code = {code} FOR SHARE"),
        };
        await query.ToListAsync(ct);
    }

    /// <summary>
    /// The plan of an item write, share-locked so its period holds until the write commits (see
    /// <see cref="LockPlanAsync"/>). The item was found in the caller's reach, and so is its plan.
    /// </summary>
    public static async Task<Domain.Plan> ReadPlanForItemWriteAsync(PlanDbContext db, Guid planId, CancellationToken ct)
    {
        await LockPlanAsync(db, planId, municipalityScope: null, exclusive: false, ct);
        return await db.Plans.AsNoTracking().SingleAsync(p => p.Id == planId, ct);
    }

    /// <summary>FAILED_PRECONDITION naming what would fall outside FY<paramref name="start"/>–FY<paramref name="end"/>.</summary>
    public static async Task EnsureNothingStrandedAsync(PlanDbContext db, Domain.Plan plan, int start, int end, CancellationToken ct)
    {
        if (start <= plan.StartFiscalYear && end >= plan.EndFiscalYear) return; // nothing dropped
        bool Dropped(int year) => plan.Covers(year) && (year < start || year > end);

        var items = await db.Items.AsNoTracking().WithEverything().Where(i => i.PlanId == plan.Id).OrderBy(i => i.Id).ToListAsync(ct);
        var stranded = new List<Text>();
        var years = new SortedSet<int>();
        foreach (var item in items)
        {
            void Add(Text what, int year)
            {
                years.Add(year);
                stranded.Add(PlanErrors.Stranded(what, year, item.Title));
            }
            foreach (var year in item.Schedule.Select(c => c.FiscalYear).Where(Dropped).Distinct().Order())
                Add(PlanErrors.StrandedSchedule, year);
            foreach (var goal in item.YearlyGoals.Where(g => Dropped(g.FiscalYear))) Add(PlanErrors.StrandedYearlyGoal, goal.FiscalYear);
            foreach (var indicator in item.Indicators)
            {
                foreach (var target in indicator.Targets.Where(t => Dropped(t.FiscalYear)))
                    Add(PlanErrors.StrandedTarget(indicator.Name), target.FiscalYear);
                foreach (var actual in indicator.Actuals.Where(a => Dropped(a.FiscalYear)))
                    Add(PlanErrors.StrandedActual(indicator.Name), actual.FiscalYear);
            }
        }
        if (stranded.Count == 0) return;

        throw new DomainRuleException(Reason, PlanErrors.PeriodWouldStrand(start, end, stranded, NamedAtMost),
            new Dictionary<string, string>
            {
                ["fiscal_years"] = string.Join(",", years),
                ["stranded_count"] = stranded.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
    }
}
