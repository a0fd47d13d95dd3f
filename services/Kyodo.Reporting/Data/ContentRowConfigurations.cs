using Kyodo.Reporting.ReadModels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kyodo.Reporting.Data;

/// <summary>A table of a record's list entries: municipality first in its key, then the record.</summary>
internal abstract class ContentRowConfiguration<TRow> : IEntityTypeConfiguration<TRow> where TRow : class
{
    protected abstract string Table { get; }

    public void Configure(EntityTypeBuilder<TRow> e)
    {
        e.ToTable(Table);
        ConfigureRow(e);
        e.Property<string>("MunicipalityCode").HasMaxLength(5); // varchar, as the record tables' (VersionedRowConfiguration)
        ReadModelTables.SnakeCaseColumns(e);
    }

    protected abstract void ConfigureRow(EntityTypeBuilder<TRow> e);
}

internal sealed class ItemDepartmentRowConfiguration : ContentRowConfiguration<ItemDepartmentRow>
{
    protected override string Table => "item_departments";
    protected override void ConfigureRow(EntityTypeBuilder<ItemDepartmentRow> e)
    {
        e.HasKey(r => new { r.MunicipalityCode, r.ItemId, r.Position });
        e.HasIndex(r => new { r.MunicipalityCode, r.DepartmentId }); // a department known only by the items naming it
    }
}

internal sealed class PlacementRowConfiguration : ContentRowConfiguration<PlacementRow>
{
    protected override string Table => "item_placements";
    protected override void ConfigureRow(EntityTypeBuilder<PlacementRow> e)
    {
        e.HasKey(r => new { r.MunicipalityCode, r.ItemId, r.Position });
        e.HasIndex(r => new { r.MunicipalityCode, r.NodeId });
    }
}

internal sealed class ScheduleCellRowConfiguration : ContentRowConfiguration<ScheduleCellRow>
{
    protected override string Table => "item_schedule_cells";
    protected override void ConfigureRow(EntityTypeBuilder<ScheduleCellRow> e) =>
        e.HasKey(r => new { r.MunicipalityCode, r.ItemId, r.FiscalYear, r.Row });
}

internal sealed class YearlyGoalRowConfiguration : ContentRowConfiguration<YearlyGoalRow>
{
    protected override string Table => "item_yearly_goals";
    protected override void ConfigureRow(EntityTypeBuilder<YearlyGoalRow> e) =>
        e.HasKey(r => new { r.MunicipalityCode, r.ItemId, r.FiscalYear });
}

internal sealed class IndicatorRowConfiguration : ContentRowConfiguration<IndicatorRow>
{
    protected override string Table => "indicators";
    protected override void ConfigureRow(EntityTypeBuilder<IndicatorRow> e)
    {
        e.HasKey(r => new { r.MunicipalityCode, r.IndicatorId });
        e.HasIndex(r => new { r.MunicipalityCode, r.ItemId });
    }
}

internal sealed class IndicatorValueRowConfiguration : ContentRowConfiguration<IndicatorValueRow>
{
    protected override string Table => "indicator_values";
    protected override void ConfigureRow(EntityTypeBuilder<IndicatorValueRow> e)
    {
        // An item's values (achievement of the items a report counts) and one indicator's (its item is known) from one index.
        e.HasKey(r => new { r.MunicipalityCode, r.ItemId, r.IndicatorId, r.FiscalYear });
    }
}

internal sealed class CourseRowConfiguration : ContentRowConfiguration<CourseRow>
{
    protected override string Table => "subsidy_courses";
    protected override void ConfigureRow(EntityTypeBuilder<CourseRow> e)
    {
        e.HasKey(r => new { r.MunicipalityCode, r.CourseId });
        e.HasIndex(r => new { r.MunicipalityCode, r.ProgramId });
    }
}

internal sealed class ProgramLineRowConfiguration : ContentRowConfiguration<ProgramLineRow>
{
    protected override string Table => "program_budget_lines";
    protected override void ConfigureRow(EntityTypeBuilder<ProgramLineRow> e)
    {
        e.HasKey(r => new { r.MunicipalityCode, r.ProgramId, r.FiscalYear });
        e.HasIndex(r => new { r.MunicipalityCode, r.BudgetLineId });
    }
}

internal sealed class PriorityGoalItemRowConfiguration : ContentRowConfiguration<PriorityGoalItemRow>
{
    protected override string Table => "priority_goal_items";
    protected override void ConfigureRow(EntityTypeBuilder<PriorityGoalItemRow> e) =>
        e.HasKey(r => new { r.MunicipalityCode, r.GoalId, r.Position });
}
