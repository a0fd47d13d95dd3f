using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kyodo.Plan.Data;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Domain.Plan>
{
    public void Configure(EntityTypeBuilder<Domain.Plan> e)
    {
        e.ToTable("plans");
        e.HasKey(p => p.Id);
        e.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(p => p.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(p => p.Name).HasColumnName("name").HasMaxLength(200);
        e.Property(p => p.StartFiscalYear).HasColumnName("start_fiscal_year");
        e.Property(p => p.EndFiscalYear).HasColumnName("end_fiscal_year");
        e.Property(p => p.CreatedAt).HasColumnName("created_at");
        e.Property(p => p.Version).IsRowVersion();
        e.HasIndex(p => new { p.MunicipalityCode, p.Id }); // ListPlans: one municipality, keyset on id
    }
}
