using Kyodo.Reporting.ReadModels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kyodo.Reporting.Data;

internal sealed class EvaluationCycleEventConfiguration : IEntityTypeConfiguration<EvaluationCycleEventRow>
{
    public void Configure(EntityTypeBuilder<EvaluationCycleEventRow> e)
    {
        e.ToTable("evaluation_cycle_events");
        e.HasKey(x => x.EventId);
        e.Property(x => x.EventId).HasColumnName("event_id").ValueGeneratedNever();
        e.Property(x => x.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(x => x.EventType).HasColumnName("event_type").HasMaxLength(100);
        e.Property(x => x.SubjectId).HasColumnName("subject_id");
        e.Property(x => x.FiscalYear).HasColumnName("fiscal_year");
        e.Property(x => x.Revision).HasColumnName("revision");
        e.Property(x => x.OccurredAt).HasColumnName("occurred_at");
        e.Property(x => x.Payload).HasColumnName("payload").HasColumnType("jsonb");
        // Municipality first, as every read model: a city's events of one kind, by subject.
        e.HasIndex(x => new { x.MunicipalityCode, x.EventType, x.SubjectId });
    }
}
