using Kyodo.Audit;
using Kyodo.ServiceDefaults.Idempotency;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.ServiceDefaults.Projections;
using Kyodo.Subsidy.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Data;

/// <summary>
/// The subsidy service's database: programs, courses, applicants, applications, the money steps in flight,
/// the outbox, and what it keeps of the budget service's lines and the plan service's items (fed by their events).
/// </summary>
public sealed class SubsidyDbContext(DbContextOptions<SubsidyDbContext> options) : DbContext(options)
{
    public DbSet<SubsidyProgram> Programs => Set<SubsidyProgram>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<Applicant> Applicants => Set<Applicant>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<MoneyStep> MoneySteps => Set<MoneyStep>();
    public DbSet<Budgets.BudgetLineFact> BudgetLineFacts => Set<Budgets.BudgetLineFact>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(SubsidyDbContext).Assembly);
        model.AddIdempotencyRecords();
        model.AddOutbox();
        model.AddInbox();
        model.AddPlanItemFacts();
        model.AddAuditTrail();
    }
}
