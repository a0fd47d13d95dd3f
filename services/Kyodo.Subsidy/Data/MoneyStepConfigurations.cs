using Kyodo.Audit;
using Kyodo.Subsidy.Budgets;
using Kyodo.Subsidy.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kyodo.Subsidy.Data;

internal sealed class MoneyStepConfiguration : IEntityTypeConfiguration<MoneyStep>
{
    public void Configure(EntityTypeBuilder<MoneyStep> e)
    {
        e.ToTable("money_steps", t => t.HasCheckConstraint("ck_money_steps_amount", "amount_yen >= 0"));
        // Bookkeeping of a step in flight: the application's change it ends in is audited.
        e.NotAudited();
        e.HasKey(s => s.Id);
        e.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(s => s.ApplicationId).HasColumnName("application_id");
        e.Property(s => s.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(s => s.Kind).HasColumnName("kind");
        e.Property(s => s.AmountYen).HasColumnName("amount_yen");
        e.Property(s => s.BudgetLineId).HasColumnName("budget_line_id");
        e.Property(s => s.ReservationId).HasColumnName("reservation_id");
        e.Property(s => s.BudgetKey).HasColumnName("budget_key").HasMaxLength(200);
        e.Property(s => s.By).HasColumnName("by").HasMaxLength(200);
        e.Property(s => s.Comment).HasColumnName("comment");
        e.Property(s => s.StartedAt).HasColumnName("started_at");
        // As idempotency_records' columns, which the owed answer becomes when the step ends.
        e.Property(s => s.AnswerMunicipalityCode).HasColumnName("answer_municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(s => s.AnswerKey).HasColumnName("answer_key").HasMaxLength(200);
        e.Property(s => s.AnswerOperation).HasColumnName("answer_operation").HasMaxLength(50);
        e.Property(s => s.AnswerRequestHash).HasColumnName("answer_request_hash");
        // One step in flight per application: the database refuses a second even if two calls race past the check.
        e.HasIndex(s => s.ApplicationId).IsUnique();
        e.HasIndex(s => s.StartedAt); // the recoverer looks for the oldest
        e.HasOne<Application>().WithMany().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BudgetLineFactConfiguration : IEntityTypeConfiguration<BudgetLineFact>
{
    public void Configure(EntityTypeBuilder<BudgetLineFact> e)
    {
        e.ToTable("budget_line_facts");
        // Another service's records as last seen, not this service's changes.
        e.NotAudited();
        e.HasKey(f => f.LineId);
        e.Property(f => f.LineId).HasColumnName("line_id").ValueGeneratedNever();
        e.Property(f => f.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(f => f.ItemId).HasColumnName("item_id");
        e.Property(f => f.FiscalYear).HasColumnName("fiscal_year");
        e.Property(f => f.Revision).HasColumnName("revision");
        e.Property(f => f.Deleted).HasColumnName("deleted");
    }
}
