using Kyodo.Audit;
using Kyodo.Plan.Domain;
using Kyodo.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kyodo.Plan.Data;

internal static class ReviewColumns
{
    /// <summary>A <see cref="Review"/>'s columns, in its owner's table (a complex type: audited as the owner's fields).</summary>
    public static void Map(ComplexPropertyBuilder<Review> r)
    {
        r.Property(x => x.Status).HasColumnName("review_status");
        r.Property(x => x.AuthorList).HasColumnName("review_authors");
        r.Property(x => x.SubmittedBy).HasColumnName("submitted_by").HasMaxLength(200);
        r.Property(x => x.SubmittedAt).HasColumnName("submitted_at");
        r.Property(x => x.ReviewedBy).HasColumnName("reviewed_by").HasMaxLength(200);
        r.Property(x => x.ReviewedAt).HasColumnName("reviewed_at");
        r.Property(x => x.Comment).HasColumnName("review_comment");
    }
}

internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> e)
    {
        e.ToTable("evaluations", t => t.HasCheckConstraint("ck_evaluations_one_subject", "(item_id IS NULL) <> (node_id IS NULL)"));
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(x => x.PlanId).HasColumnName("plan_id");
        e.Property(x => x.ItemId).HasColumnName("item_id");
        e.Property(x => x.NodeId).HasColumnName("node_id");
        e.Property(x => x.FiscalYear).HasColumnName("fiscal_year");
        e.Property(x => x.EvaluatorDepartmentId).HasColumnName("evaluator_department_id");
        e.ComplexProperty(x => x.Content, c =>
        {
            c.Property(x => x.Necessity).HasColumnName("necessity").HasMaxLength(20);
            c.Property(x => x.NecessityReason).HasColumnName("necessity_reason");
            c.Property(x => x.Effectiveness).HasColumnName("effectiveness").HasMaxLength(20);
            c.Property(x => x.EffectivenessReason).HasColumnName("effectiveness_reason");
            c.Property(x => x.Efficiency).HasColumnName("efficiency").HasMaxLength(20);
            c.Property(x => x.EfficiencyReason).HasColumnName("efficiency_reason");
            c.Property(x => x.Direction).HasColumnName("direction").HasMaxLength(50);
            c.Property(x => x.DirectionReason).HasColumnName("direction_reason");
        });
        e.ComplexProperty(x => x.Review, ReviewColumns.Map);
        e.Property(x => x.EvaluatedBy).HasColumnName("evaluated_by").HasMaxLength(200);
        e.Property(x => x.EvaluatedAt).HasColumnName("evaluated_at");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.Revision).HasColumnName("revision");
        e.Property(x => x.Version).IsRowVersionCounter();
        e.Ignore(x => x.What);
        // One evaluation per subject and year.
        e.HasIndex(x => new { x.ItemId, x.FiscalYear }).IsUnique().HasFilter("item_id IS NOT NULL");
        e.HasIndex(x => new { x.NodeId, x.FiscalYear }).IsUnique().HasFilter("node_id IS NOT NULL");
        e.HasIndex(x => new { x.MunicipalityCode, x.FiscalYear, x.Id });
        // An item's or node's evaluations go with it (and with their plan).
        e.HasOne<Item>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PlanNode>().WithMany().HasForeignKey(x => x.NodeId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Domain.Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Department>().WithMany().HasForeignKey(x => x.EvaluatorDepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EvaluationSettingsConfiguration : IEntityTypeConfiguration<EvaluationSettings>
{
    public void Configure(EntityTypeBuilder<EvaluationSettings> e)
    {
        e.ToTable("evaluation_settings");
        e.HasKey(x => x.MunicipalityCode);
        e.Property(x => x.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(x => x.RatingScale).HasColumnName("rating_scale");
        e.Property(x => x.Directions).HasColumnName("directions");
        e.Property(x => x.Revision).HasColumnName("revision");
        e.Property(x => x.Version).IsRowVersionCounter();
        e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityCode);
    }
}

internal sealed class ActualEntryConfiguration : IEntityTypeConfiguration<ActualEntry>
{
    public void Configure(EntityTypeBuilder<ActualEntry> e)
    {
        e.ToTable("indicator_actual_entries");
        e.HasKey(x => new { x.IndicatorId, x.FiscalYear });
        e.Property(x => x.IndicatorId).HasColumnName("indicator_id");
        e.Property(x => x.FiscalYear).HasColumnName("fiscal_year").ValueGeneratedNever();
        e.Property(x => x.Value).HasColumnName("value");
        e.Property(x => x.Note).HasColumnName("note");
        e.Property(x => x.EnteredBy).HasColumnName("entered_by").HasMaxLength(200);
        e.Property(x => x.EnteredAt).HasColumnName("entered_at");
        e.ComplexProperty(x => x.Review, ReviewColumns.Map);
    }
}

internal sealed class ReportingDeadlineConfiguration : IEntityTypeConfiguration<ReportingDeadline>
{
    public void Configure(EntityTypeBuilder<ReportingDeadline> e)
    {
        e.ToTable("reporting_deadlines");
        e.HasKey(x => new { x.PlanId, x.FiscalYear });
        e.Property(x => x.PlanId).HasColumnName("plan_id");
        e.Property(x => x.FiscalYear).HasColumnName("fiscal_year").ValueGeneratedNever();
        e.Property(x => x.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(x => x.DueDate).HasColumnName("due_date");
        e.Property(x => x.SetBy).HasColumnName("set_by").HasMaxLength(200);
        e.Property(x => x.SetAt).HasColumnName("set_at");
        e.Property(x => x.CheckedAt).HasColumnName("checked_at");
        e.Property(x => x.Revision).HasColumnName("revision");
        // The deadline check finds the passed, unchecked ones.
        e.HasIndex(x => x.DueDate).HasFilter("checked_at IS NULL");
        e.HasOne<Domain.Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
