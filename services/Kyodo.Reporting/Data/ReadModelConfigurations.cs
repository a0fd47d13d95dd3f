using Kyodo.Reporting.ReadModels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kyodo.Reporting.Data;

/// <summary>
/// Every read-model table is keyed by municipality first, as are the indexes the reports use:
/// a report of one municipality reads only that municipality's part of each index, however many
/// municipalities the database holds. Column names are the snake_case of the property names.
/// </summary>
internal static class ReadModelTables
{
    public static void SnakeCaseColumns<TRow>(EntityTypeBuilder<TRow> e) where TRow : class
    {
        // Version is PostgreSQL's xmin (IsRowVersion), no column of ours.
        foreach (var property in e.Metadata.GetProperties()
            .Where(p => p.Name != nameof(VersionedRow.Version) && p.GetColumnName() == p.Name))
            property.SetColumnName(SnakeCase(property.Name));
    }

    private static string SnakeCase(string name) =>
        string.Concat(
            name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

/// <summary>The record rows: municipality and the record's id as the key, the shared columns mapped once.</summary>
internal abstract class VersionedRowConfiguration<TRow> : IEntityTypeConfiguration<TRow> where TRow : VersionedRow
{
    protected abstract string Table { get; }

    public void Configure(EntityTypeBuilder<TRow> e)
    {
        e.ToTable(Table);
        // varchar, not character(5): the reports' SQL compares it with text parameters, which against
        // a bpchar column would cast the column and leave its indexes unused.
        e.Property(r => r.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5);
        e.Property(r => r.Revision).HasColumnName("revision");
        e.Property(r => r.Deleted).HasColumnName("deleted");
        e.Property(r => r.AsOf).HasColumnName("as_of");
        e.Property(r => r.Version).IsRowVersion();
        ConfigureRow(e);
        ReadModelTables.SnakeCaseColumns(e);
    }

    /// <summary>The key (municipality_code, the record's id) and the table's own indexes.</summary>
    protected abstract void ConfigureRow(EntityTypeBuilder<TRow> e);
}

internal sealed class PlanRowConfiguration : VersionedRowConfiguration<PlanRow>
{
    protected override string Table => "plans";
    protected override void ConfigureRow(EntityTypeBuilder<PlanRow> e) => e.HasKey(r => new { r.MunicipalityCode, r.PlanId });
}

internal sealed class NodeRowConfiguration : VersionedRowConfiguration<NodeRow>
{
    protected override string Table => "plan_nodes";
    protected override void ConfigureRow(EntityTypeBuilder<NodeRow> e)
    {
        e.HasKey(r => new { r.MunicipalityCode, r.NodeId });
        e.HasIndex(r => new { r.MunicipalityCode, r.PlanId });
        e.HasIndex(r => new { r.MunicipalityCode, r.ParentId }); // a node's subtree, level by level
    }
}

internal sealed class DepartmentRowConfiguration : VersionedRowConfiguration<DepartmentRow>
{
    protected override string Table => "departments";
    protected override void ConfigureRow(EntityTypeBuilder<DepartmentRow> e) => e.HasKey(r => new { r.MunicipalityCode, r.DepartmentId });
}

internal sealed class ItemRowConfiguration : VersionedRowConfiguration<ItemRow>
{
    protected override string Table => "items";
    protected override void ConfigureRow(EntityTypeBuilder<ItemRow> e)
    {
        e.HasKey(r => new { r.MunicipalityCode, r.ItemId });
        e.HasIndex(r => new { r.MunicipalityCode, r.PlanId });
    }
}

internal sealed class BudgetLineRowConfiguration : VersionedRowConfiguration<BudgetLineRow>
{
    protected override string Table => "budget_lines";
    protected override void ConfigureRow(EntityTypeBuilder<BudgetLineRow> e)
    {
        e.HasKey(r => new { r.MunicipalityCode, r.BudgetLineId });
        e.HasIndex(r => new { r.MunicipalityCode, r.ItemId, r.FiscalYear }); // the lines of the items a report counts
        e.HasIndex(r => new { r.MunicipalityCode, r.FiscalYear });
    }
}

internal sealed class SubsidyProgramRowConfiguration : VersionedRowConfiguration<SubsidyProgramRow>
{
    protected override string Table => "subsidy_programs";
    protected override void ConfigureRow(EntityTypeBuilder<SubsidyProgramRow> e) => e.HasKey(r => new { r.MunicipalityCode, r.ProgramId });
}

internal sealed class ApplicationRowConfiguration : VersionedRowConfiguration<ApplicationRow>
{
    protected override string Table => "subsidy_applications";
    protected override void ConfigureRow(EntityTypeBuilder<ApplicationRow> e)
    {
        e.HasKey(r => new { r.MunicipalityCode, r.ApplicationId });
        e.HasIndex(r => new { r.MunicipalityCode, r.FiscalYear });
        e.HasIndex(r => new { r.MunicipalityCode, r.ProgramId, r.FiscalYear });
    }
}

internal sealed class PriorityGoalRowConfiguration : VersionedRowConfiguration<PriorityGoalRow>
{
    protected override string Table => "priority_goals";
    protected override void ConfigureRow(EntityTypeBuilder<PriorityGoalRow> e)
    {
        e.HasKey(r => new { r.MunicipalityCode, r.GoalId });
        e.HasIndex(r => new { r.MunicipalityCode, r.DepartmentId });
    }
}

internal sealed class ReservationRowConfiguration : VersionedRowConfiguration<ReservationRow>
{
    protected override string Table => "reservations";
    protected override void ConfigureRow(EntityTypeBuilder<ReservationRow> e)
    {
        e.HasKey(r => new { r.MunicipalityCode, r.ReservationId });
        e.HasIndex(r => new { r.MunicipalityCode, r.BudgetLineId });
    }
}
