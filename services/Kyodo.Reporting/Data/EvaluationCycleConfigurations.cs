using Kyodo.Reporting.ReadModels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kyodo.Reporting.Data;

// The evaluation cycle's tables (EvaluationCycleRows.cs): municipality first in every key and
// index, as ReadModelTables says why.

internal sealed class EvaluationRowConfiguration : VersionedRowConfiguration<EvaluationRow>
{
    protected override string Table => "evaluations";
    protected override void ConfigureRow(EntityTypeBuilder<EvaluationRow> e)
    {
        e.HasKey(r => new { r.MunicipalityCode, r.EvaluationId });
        e.HasIndex(r => new { r.MunicipalityCode, r.FiscalYear }); // the summaries read one range of years
        e.HasIndex(r => new { r.MunicipalityCode, r.ItemId });
        e.HasIndex(r => new { r.MunicipalityCode, r.NodeId });
    }
}

internal sealed class EvaluationSettingsRowConfiguration : ContentRowConfiguration<EvaluationSettingsRow>
{
    protected override string Table => "evaluation_settings";
    protected override void ConfigureRow(EntityTypeBuilder<EvaluationSettingsRow> e) => e.HasKey(r => r.MunicipalityCode);
}

internal sealed class StaffTimeRowConfiguration : ContentRowConfiguration<StaffTimeRow>
{
    protected override string Table => "staff_times";
    protected override void ConfigureRow(EntityTypeBuilder<StaffTimeRow> e)
    {
        e.HasKey(r => new { r.MunicipalityCode, r.ItemId, r.FiscalYear });
        e.Property(r => r.PersonYears).HasPrecision(6, 2); // budget's bound: 0 to 9999.99, two decimals
    }
}

internal sealed class StaffUnitCostRowConfiguration : ContentRowConfiguration<StaffUnitCostRow>
{
    protected override string Table => "staff_unit_costs";
    protected override void ConfigureRow(EntityTypeBuilder<StaffUnitCostRow> e) => e.HasKey(r => new { r.MunicipalityCode, r.FiscalYear });
}

internal sealed class BudgetAdjustmentRowConfiguration : ContentRowConfiguration<BudgetAdjustmentRow>
{
    protected override string Table => "budget_adjustments";
    protected override void ConfigureRow(EntityTypeBuilder<BudgetAdjustmentRow> e)
    {
        e.HasKey(r => new { r.MunicipalityCode, r.BudgetLineId, r.Revision });
        e.HasIndex(r => new { r.MunicipalityCode, r.ItemId, r.FiscalYear });
    }
}

internal sealed class ActualEntryRowConfiguration : ContentRowConfiguration<ActualEntryRow>
{
    protected override string Table => "actual_entries";
    protected override void ConfigureRow(EntityTypeBuilder<ActualEntryRow> e)
    {
        e.HasKey(r => new { r.MunicipalityCode, r.IndicatorId, r.FiscalYear });
        e.HasIndex(r => new { r.MunicipalityCode, r.ItemId });
    }
}

internal sealed class ReportingDeadlineRowConfiguration : ContentRowConfiguration<ReportingDeadlineRow>
{
    protected override string Table => "reporting_deadlines";
    protected override void ConfigureRow(EntityTypeBuilder<ReportingDeadlineRow> e) =>
        e.HasKey(r => new { r.MunicipalityCode, r.PlanId, r.FiscalYear });
}
