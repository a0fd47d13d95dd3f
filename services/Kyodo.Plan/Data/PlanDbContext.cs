using Kyodo.Audit;
using Kyodo.Plan.Domain;
using Kyodo.ServiceDefaults.Idempotency;
using Kyodo.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Data;

/// <summary>The plan service's database: municipalities, plans, items, goals, and the outbox of their events.</summary>
public sealed class PlanDbContext(DbContextOptions<PlanDbContext> options) : DbContext(options)
{
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Domain.Plan> Plans => Set<Domain.Plan>();
    public DbSet<PlanNode> Nodes => Set<PlanNode>();
    public DbSet<Item> Items => Set<Item>();
    public DbSet<ItemPlacement> Placements => Set<ItemPlacement>();
    public DbSet<ScheduleCell> ScheduleCells => Set<ScheduleCell>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<ItemChange> ItemChanges => Set<ItemChange>();
    public DbSet<PriorityGoal> PriorityGoals => Set<PriorityGoal>();
    public DbSet<Evaluation> Evaluations => Set<Evaluation>();
    public DbSet<EvaluationSettings> EvaluationSettings => Set<EvaluationSettings>();
    public DbSet<ReportingDeadline> ReportingDeadlines => Set<ReportingDeadline>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(PlanDbContext).Assembly);
        model.AddIdempotencyRecords();
        model.AddOutbox();
        model.AddAuditTrail();
    }
}
