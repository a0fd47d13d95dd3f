using Kyodo.Reporting.ReadModels;
using Kyodo.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.Data;

/// <summary>The reporting service's read models and the inbox that makes consuming them idempotent.</summary>
public sealed class ReportingDbContext(DbContextOptions<ReportingDbContext> options) : DbContext(options)
{
    public DbSet<PlanRow> Plans => Set<PlanRow>();
    public DbSet<NodeRow> Nodes => Set<NodeRow>();
    public DbSet<DepartmentRow> Departments => Set<DepartmentRow>();
    public DbSet<ItemRow> Items => Set<ItemRow>();
    public DbSet<BudgetLineRow> BudgetLines => Set<BudgetLineRow>();
    public DbSet<SubsidyProgramRow> SubsidyPrograms => Set<SubsidyProgramRow>();
    public DbSet<ApplicationRow> Applications => Set<ApplicationRow>();
    public DbSet<PriorityGoalRow> PriorityGoals => Set<PriorityGoalRow>();
    public DbSet<ReservationRow> Reservations => Set<ReservationRow>();

    // What the records hold in lists (ContentRows.cs).
    public DbSet<ItemDepartmentRow> ItemDepartments => Set<ItemDepartmentRow>();
    public DbSet<PlacementRow> Placements => Set<PlacementRow>();
    public DbSet<ScheduleCellRow> ScheduleCells => Set<ScheduleCellRow>();
    public DbSet<YearlyGoalRow> YearlyGoals => Set<YearlyGoalRow>();
    public DbSet<IndicatorRow> Indicators => Set<IndicatorRow>();
    public DbSet<IndicatorValueRow> IndicatorValues => Set<IndicatorValueRow>();
    public DbSet<CourseRow> Courses => Set<CourseRow>();
    public DbSet<ProgramLineRow> ProgramLines => Set<ProgramLineRow>();
    public DbSet<PriorityGoalItemRow> PriorityGoalItems => Set<PriorityGoalItemRow>();

    // The evaluation cycle's (EvaluationCycleRows.cs).
    public DbSet<EvaluationRow> Evaluations => Set<EvaluationRow>();
    public DbSet<EvaluationSettingsRow> EvaluationSettings => Set<EvaluationSettingsRow>();
    public DbSet<StaffTimeRow> StaffTimes => Set<StaffTimeRow>();
    public DbSet<StaffUnitCostRow> StaffUnitCosts => Set<StaffUnitCostRow>();
    public DbSet<BudgetAdjustmentRow> BudgetAdjustments => Set<BudgetAdjustmentRow>();
    public DbSet<ActualEntryRow> ActualEntries => Set<ActualEntryRow>();
    public DbSet<ReportingDeadlineRow> ReportingDeadlines => Set<ReportingDeadlineRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(ReportingDbContext).Assembly);
        model.AddInbox();
    }
}
