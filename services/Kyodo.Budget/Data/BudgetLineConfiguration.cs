using Kyodo.Budget.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kyodo.Budget.Data;

internal sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLine>
{
    public void Configure(EntityTypeBuilder<BudgetLine> e)
    {
        e.ToTable("budget_lines", t => t.HasCheckConstraint("ck_budget_lines_cost_is_sum_of_sources",
            "cost_yen = national_prefectural_yen + local_bond_yen + other_yen + general_revenue_yen"));
        e.HasKey(l => l.Id);
        e.Property(l => l.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(l => l.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(l => l.ItemId).HasColumnName("item_id").HasMaxLength(100);
        e.Property(l => l.FiscalYear).HasColumnName("fiscal_year");
        e.ComplexProperty(l => l.Funding, f =>
        {
            f.Property(x => x.CostYen).HasColumnName("cost_yen");
            f.Property(x => x.NationalPrefecturalYen).HasColumnName("national_prefectural_yen");
            f.Property(x => x.LocalBondYen).HasColumnName("local_bond_yen");
            f.Property(x => x.OtherYen).HasColumnName("other_yen");
            f.Property(x => x.GeneralRevenueYen).HasColumnName("general_revenue_yen");
        });
        e.Property(l => l.CreatedAt).HasColumnName("created_at");
        e.Property(l => l.Version).IsRowVersion();
        e.HasIndex(l => new { l.MunicipalityCode, l.ItemId, l.FiscalYear });
    }
}
