using Kyodo.Audit;
using Kyodo.Budget.Domain;
using Kyodo.ServiceDefaults.Idempotency;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.ServiceDefaults.Projections;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Data;

/// <summary>
/// The budget service's database: lines with their stage history, reservations, idempotency records, the
/// outbox, and what it keeps of the plan service's items (plan_item_facts, fed by their events through the inbox).
/// </summary>
public sealed class BudgetDbContext(DbContextOptions<BudgetDbContext> options) : DbContext(options)
{
    public DbSet<BudgetLine> BudgetLines => Set<BudgetLine>();
    public DbSet<BudgetRevision> Revisions => Set<BudgetRevision>();
    public DbSet<Reservation> Reservations => Set<Reservation>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<StaffUnitCost> StaffUnitCosts => Set<StaffUnitCost>();
    public DbSet<StaffTime> StaffTimes => Set<StaffTime>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(BudgetDbContext).Assembly);
        model.AddIdempotencyRecords();
        model.AddOutbox();
        model.AddInbox();
        model.AddPlanItemFacts();
        model.AddAuditTrail();
    }
}
