using Kyodo.Audit;
using Kyodo.Budget.Domain;
using Kyodo.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kyodo.Budget.Data;

internal static class FundingColumns
{
    /// <summary>The five amount columns of a <see cref="Funding"/>, whole yen.</summary>
    public static void Map(ComplexPropertyBuilder<Funding> f)
    {
        f.Property(x => x.CostYen).HasColumnName("cost_yen");
        f.Property(x => x.NationalPrefecturalYen).HasColumnName("national_prefectural_yen");
        f.Property(x => x.LocalBondYen).HasColumnName("local_bond_yen");
        f.Property(x => x.OtherYen).HasColumnName("other_yen");
        f.Property(x => x.GeneralRevenueYen).HasColumnName("general_revenue_yen");
    }
}

internal sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLine>
{
    public void Configure(EntityTypeBuilder<BudgetLine> e)
    {
        e.ToTable("budget_lines", t =>
        {
            t.HasCheckConstraint("ck_budget_lines_cost_is_sum_of_sources",
                "cost_yen = national_prefectural_yen + local_bond_yen + other_yen + general_revenue_yen");
            t.HasCheckConstraint("ck_budget_lines_holds_within_cost",
                "reserved_yen >= 0 AND committed_yen >= 0 AND reserved_yen + committed_yen <= cost_yen");
        });
        e.HasKey(l => l.Id);
        e.Property(l => l.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(l => l.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(l => l.ItemId).HasColumnName("item_id");
        e.Property(l => l.ItemTitle).HasColumnName("item_title").HasMaxLength(500);
        e.Property(l => l.DepartmentId).HasColumnName("department_id");
        e.Property(l => l.DepartmentName).HasColumnName("department_name").HasMaxLength(100);
        e.Property(l => l.FiscalYear).HasColumnName("fiscal_year");
        e.ComplexProperty(l => l.Account, a =>
        {
            a.Property(x => x.AccountNumber).HasColumnName("account_number").HasMaxLength(20);
            a.Property(x => x.AccountName).HasColumnName("account_name").HasMaxLength(100);
            a.Property(x => x.SectionNumber).HasColumnName("section_number").HasMaxLength(20);
            a.Property(x => x.SectionName).HasColumnName("section_name").HasMaxLength(100);
            a.Property(x => x.ItemNumber).HasColumnName("item_number").HasMaxLength(20);
            a.Property(x => x.ItemName).HasColumnName("item_name").HasMaxLength(100);
            a.Property(x => x.SubitemNumber).HasColumnName("subitem_number").HasMaxLength(20);
            a.Property(x => x.SubitemName).HasColumnName("subitem_name").HasMaxLength(100);
        });
        e.Property(l => l.Stage).HasColumnName("stage");
        e.Property(l => l.SupplementaryNumber).HasColumnName("supplementary_number");
        e.ComplexProperty(l => l.Funding, f => FundingColumns.Map(f));
        e.Property(l => l.ReservedYen).HasColumnName("reserved_yen");
        e.Property(l => l.CommittedYen).HasColumnName("committed_yen");
        e.Property(l => l.CreatedAt).HasColumnName("created_at");
        e.Property(l => l.UpdatedAt).HasColumnName("updated_at");
        e.Property(l => l.Version).IsRowVersionCounter();
        e.Ignore(l => l.AvailableYen);
        e.Ignore(l => l.StagePoint);
        // One line per item and fiscal year; its stages are revisions of it.
        e.HasIndex(l => new { l.MunicipalityCode, l.ItemId, l.FiscalYear }).IsUnique();
        e.HasIndex(l => new { l.MunicipalityCode, l.FiscalYear, l.Id });
        e.HasMany(l => l.Revisions).WithOne().HasForeignKey(r => r.LineId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BudgetRevisionConfiguration : IEntityTypeConfiguration<BudgetRevision>
{
    public void Configure(EntityTypeBuilder<BudgetRevision> e)
    {
        e.ToTable("budget_line_revisions");
        // A line's stages (当初, 補正 n, 決算) are part of the line: its audit trail shows them.
        e.AuditedAsPartOf(r => r.LineId);
        e.HasKey(r => r.Id);
        e.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(r => r.LineId).HasColumnName("line_id");
        e.Property(r => r.Sequence).HasColumnName("sequence");
        e.Property(r => r.Stage).HasColumnName("stage");
        e.Property(r => r.SupplementaryNumber).HasColumnName("supplementary_number");
        e.ComplexProperty(r => r.Funding, f => FundingColumns.Map(f));
        e.Property(r => r.RevisedBy).HasColumnName("revised_by").HasMaxLength(200);
        e.Property(r => r.RevisedAt).HasColumnName("revised_at");
        e.Property(r => r.Reason).HasColumnName("reason");
        e.Property(r => r.CounterpartLineId).HasColumnName("counterpart_line_id");
        e.HasIndex(r => new { r.LineId, r.Sequence }).IsUnique();
    }
}

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> e)
    {
        e.ToTable("reservations", t => t.HasCheckConstraint("ck_reservations_amounts",
            "amount_yen > 0 AND committed_yen >= 0 AND committed_yen <= amount_yen"));
        e.HasKey(r => r.Id);
        e.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(r => r.LineId).HasColumnName("line_id");
        e.Property(r => r.Purpose).HasColumnName("purpose").HasMaxLength(300);
        e.Property(r => r.AmountYen).HasColumnName("amount_yen");
        e.Property(r => r.CommittedYen).HasColumnName("committed_yen");
        e.Property(r => r.Status).HasColumnName("status");
        e.Property(r => r.CreatedAt).HasColumnName("created_at");
        e.Property(r => r.UpdatedAt).HasColumnName("updated_at");
        e.HasIndex(r => r.LineId);
        e.HasOne<BudgetLine>().WithMany().HasForeignKey(r => r.LineId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StaffUnitCostConfiguration : IEntityTypeConfiguration<StaffUnitCost>
{
    public void Configure(EntityTypeBuilder<StaffUnitCost> e)
    {
        e.ToTable("staff_unit_costs", t => t.HasCheckConstraint("ck_staff_unit_costs_not_negative", "yen_per_person_year >= 0"));
        // An id of its own, so the audit trail names it (staff_unit_cost); one per municipality and year.
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.HasIndex(x => new { x.MunicipalityCode, x.FiscalYear }).IsUnique();
        e.Property(x => x.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(x => x.FiscalYear).HasColumnName("fiscal_year");
        e.Property(x => x.YenPerPersonYear).HasColumnName("yen_per_person_year");
        e.Property(x => x.SetBy).HasColumnName("set_by").HasMaxLength(200);
        e.Property(x => x.SetAt).HasColumnName("set_at");
        e.Property(x => x.Revision).HasColumnName("revision");
    }
}

internal sealed class StaffTimeConfiguration : IEntityTypeConfiguration<StaffTime>
{
    public void Configure(EntityTypeBuilder<StaffTime> e)
    {
        e.ToTable("staff_times", t => t.HasCheckConstraint("ck_staff_times_person_years", "person_years >= 0 AND person_years <= 9999.99"));
        // An id of its own for the audit trail (staff_time); one per item and year.
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.HasIndex(x => new { x.MunicipalityCode, x.ItemId, x.FiscalYear }).IsUnique();
        e.Property(x => x.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(x => x.ItemId).HasColumnName("item_id");
        e.Property(x => x.FiscalYear).HasColumnName("fiscal_year");
        // Two decimals, exactly as 人工 are written (0.8, 1.25): no binary fractions.
        e.Property(x => x.PersonYears).HasColumnName("person_years").HasPrecision(6, 2);
        e.Property(x => x.DepartmentId).HasColumnName("department_id");
        e.Property(x => x.SetBy).HasColumnName("set_by").HasMaxLength(200);
        e.Property(x => x.SetAt).HasColumnName("set_at");
        e.Property(x => x.Revision).HasColumnName("revision");
    }
}
