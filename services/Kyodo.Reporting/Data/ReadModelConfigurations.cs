using Kyodo.Reporting.ReadModels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kyodo.Reporting.Data;

internal sealed class PlanRowConfiguration : IEntityTypeConfiguration<PlanRow>
{
    public void Configure(EntityTypeBuilder<PlanRow> e)
    {
        e.ToTable("plans");
        e.HasKey(p => p.PlanId);
        e.Property(p => p.PlanId).HasColumnName("plan_id").ValueGeneratedNever();
        e.Property(p => p.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(p => p.Name).HasColumnName("name").HasMaxLength(200);
        e.Property(p => p.StartFiscalYear).HasColumnName("start_fiscal_year");
        e.Property(p => p.EndFiscalYear).HasColumnName("end_fiscal_year");
        e.Property(p => p.AsOf).HasColumnName("as_of");
        e.HasIndex(p => p.MunicipalityCode);
    }
}

internal sealed class BudgetLineRowConfiguration : IEntityTypeConfiguration<BudgetLineRow>
{
    public void Configure(EntityTypeBuilder<BudgetLineRow> e)
    {
        e.ToTable("budget_lines");
        e.HasKey(l => l.BudgetLineId);
        e.Property(l => l.BudgetLineId).HasColumnName("budget_line_id").ValueGeneratedNever();
        e.Property(l => l.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(l => l.ItemId).HasColumnName("item_id").HasMaxLength(100);
        e.Property(l => l.FiscalYear).HasColumnName("fiscal_year");
        e.Property(l => l.CostYen).HasColumnName("cost_yen");
        e.Property(l => l.NationalPrefecturalYen).HasColumnName("national_prefectural_yen");
        e.Property(l => l.LocalBondYen).HasColumnName("local_bond_yen");
        e.Property(l => l.OtherYen).HasColumnName("other_yen");
        e.Property(l => l.GeneralRevenueYen).HasColumnName("general_revenue_yen");
        e.Property(l => l.AsOf).HasColumnName("as_of");
        e.HasIndex(l => new { l.MunicipalityCode, l.FiscalYear });
    }
}

internal sealed class SubsidyProgramRowConfiguration : IEntityTypeConfiguration<SubsidyProgramRow>
{
    public void Configure(EntityTypeBuilder<SubsidyProgramRow> e)
    {
        e.ToTable("subsidy_programs");
        e.HasKey(p => p.ProgramId);
        e.Property(p => p.ProgramId).HasColumnName("program_id").ValueGeneratedNever();
        e.Property(p => p.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(p => p.Name).HasColumnName("name").HasMaxLength(200);
        e.Property(p => p.AsOf).HasColumnName("as_of");
        e.HasIndex(p => p.MunicipalityCode);
    }
}
