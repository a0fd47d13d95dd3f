using Kyodo.Subsidy.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kyodo.Subsidy.Data;

internal sealed class SubsidyProgramConfiguration : IEntityTypeConfiguration<SubsidyProgram>
{
    public void Configure(EntityTypeBuilder<SubsidyProgram> e)
    {
        e.ToTable("programs");
        e.HasKey(p => p.Id);
        e.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(p => p.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(p => p.Name).HasColumnName("name").HasMaxLength(200);
        e.Property(p => p.CreatedAt).HasColumnName("created_at");
        e.Property(p => p.Version).IsRowVersion();
        e.HasIndex(p => new { p.MunicipalityCode, p.Name }).IsUnique();
    }
}
