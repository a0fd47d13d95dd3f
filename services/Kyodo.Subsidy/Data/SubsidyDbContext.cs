using Kyodo.ServiceDefaults.Audit;
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

    /// <summary>
    /// A program is always read with three collections (courses, budget lines, printed results
    /// rows): as one query they would come back as their product, so each is read by a query of
    /// its own. Those queries see one state of a program where its row is locked first (every
    /// change of those collections also writes the program's row, its revision): ImportProgram
    /// does so.
    /// </summary>
    protected override void OnConfiguring(DbContextOptionsBuilder options) =>
        options.UseNpgsql(npgsql => npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(SubsidyDbContext).Assembly);
        model.AddOutbox();
        model.AddInbox();
        model.AddPlanItemFacts();
        model.AddAuditTrail();
    }
}
