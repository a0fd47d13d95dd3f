using Kyodo.Contracts.Plan;
using Kyodo.Plan.Data;
using Kyodo.Plan.Domain;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Deadlines;

/// <summary>
/// Checks passed reporting deadlines once each: in one transaction it claims the passed, unchecked
/// deadlines (FOR UPDATE SKIP LOCKED, so a second instance of the service takes other rows or none),
/// publishes ActualsOverdue through the outbox for each one that lacks actuals, and marks them
/// checked. A crash before the commit leaves them unchecked for the next round; after it, the
/// outbox delivers the event. Either way each deadline's event is published once.
/// </summary>
public sealed class DeadlineCheck(PlanDbContext db, TimeProvider clock)
{
    private const int Batch = 50;

    /// <returns>How many deadlines were checked this round.</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var today = DeadlineDays.Today(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var due = await db.ReportingDeadlines
            .FromSql($"""
                SELECT * FROM reporting_deadlines WHERE checked_at IS NULL AND due_date < {today}
                ORDER BY due_date LIMIT {Batch} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        if (due.Count == 0) return 0;

        var missing = await OverdueActuals.OfAsync(db, due, ct);
        var now = clock.GetUtcNowForStorage();
        foreach (var deadline in due)
        {
            deadline.MarkChecked(now);
            var lines = missing.Where(m => m.Deadline == deadline).ToList();
            if (lines.Count == 0) continue;
            var departments = await db.DepartmentsByIdAsync(deadline.MunicipalityCode, ct);
            db.AddIntegrationEvent(new ActualsOverdue(Guid.NewGuid(), now, deadline.MunicipalityCode, deadline.PlanId, lines[0].PlanName,
                deadline.FiscalYear, deadline.DueDate, lines.Select(l => l.ToContract(departments)).ToList()));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return due.Count;
    }
}

public sealed class DeadlineOptions
{
    /// <summary>How often passed deadlines are looked for (Deadlines:CheckInterval).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Runs <see cref="DeadlineCheck"/> every Deadlines:CheckInterval; a failed round is logged and tried again at the next.</summary>
public sealed class DeadlineWatcher(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<DeadlineOptions> options,
    ILogger<DeadlineWatcher> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first check waits one interval: a starting service compiles its queries for its first
        // callers, and a deadline passes at midnight, so a minute's delay is nothing to its reminder.
        using var timer = new PeriodicTimer(options.Value.CheckInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                while (await scope.ServiceProvider.GetRequiredService<DeadlineCheck>().RunOnceAsync(stoppingToken) > 0) { }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "Checking passed reporting deadlines failed; trying again in {Interval}", options.Value.CheckInterval);
            }
        }
    }
}
