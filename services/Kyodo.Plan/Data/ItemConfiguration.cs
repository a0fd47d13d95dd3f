using Kyodo.Audit;
using Kyodo.Plan.Domain;
using Kyodo.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kyodo.Plan.Data;

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> e)
    {
        e.ToTable("items");
        e.HasKey(i => i.Id);
        e.Property(i => i.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(i => i.PlanId).HasColumnName("plan_id");
        e.Property(i => i.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(i => i.Title).HasColumnName("title").HasMaxLength(500);
        e.Property(i => i.Novelty).HasColumnName("novelty");
        e.Property(i => i.DepartmentIds).HasColumnName("department_ids");
        e.Property(i => i.ImplementingBodies).HasColumnName("implementing_bodies");
        e.Property(i => i.TargetStakeholders).HasColumnName("target_stakeholders");
        e.Property(i => i.TargetOther).HasColumnName("target_other");
        e.Property(i => i.Purpose).HasColumnName("purpose");
        e.Property(i => i.CurrentState).HasColumnName("current_state");
        e.Property(i => i.Content).HasColumnName("content");
        e.Property(i => i.CompletionCriterion).HasColumnName("completion_criterion");
        e.Property(i => i.ExpectedEffects).HasColumnName("expected_effects");
        e.Property(i => i.Rank).HasColumnName("rank");
        e.Property(i => i.RankOf).HasColumnName("rank_of");
        e.Property(i => i.MayoralPledge).HasColumnName("mayoral_pledge");
        e.Property(i => i.LinkedPlans).HasColumnName("linked_plans");
        e.Property(i => i.SpecialNotes).HasColumnName("special_notes");
        e.Property(i => i.CreatedAt).HasColumnName("created_at");
        e.Property(i => i.UpdatedAt).HasColumnName("updated_at");
        e.Property(i => i.Revision).HasColumnName("revision");
        e.Property(i => i.Version).IsRowVersionCounter();
        e.HasIndex(i => new { i.MunicipalityCode, i.PlanId });
        e.HasIndex(i => i.DepartmentIds).HasMethod("gin");
        e.HasOne<Domain.Plan>().WithMany().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);

        e.OwnsMany(i => i.YearlyGoals, goal =>
        {
            goal.ToTable("item_yearly_goals");
            goal.WithOwner().HasForeignKey(g => g.ItemId);
            // Owned rows keyed by year: never database-generated, or EF would take a new row for an existing one.
            goal.HasKey(g => new { g.ItemId, g.FiscalYear });
            goal.Property(g => g.ItemId).HasColumnName("item_id");
            goal.Property(g => g.FiscalYear).HasColumnName("fiscal_year").ValueGeneratedNever();
            goal.Property(g => g.Text).HasColumnName("text");
        });
        e.HasMany(i => i.Placements).WithOne().HasForeignKey(p => p.ItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(i => i.Schedule).WithOne().HasForeignKey(c => c.ItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(i => i.Indicators).WithOne().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ItemPlacementConfiguration : IEntityTypeConfiguration<ItemPlacement>
{
    public void Configure(EntityTypeBuilder<ItemPlacement> e)
    {
        e.ToTable("item_placements");
        e.HasKey(p => new { p.ItemId, p.NodeId });
        e.Property(p => p.ItemId).HasColumnName("item_id");
        e.Property(p => p.NodeId).HasColumnName("node_id");
        e.Property(p => p.Code).HasColumnName("code").HasMaxLength(50);
        e.Property(p => p.IsPrimary).HasColumnName("is_primary");
        e.HasIndex(p => p.NodeId);
        // One primary placement per item, enforced by the database as well as the domain.
        e.HasIndex(p => p.ItemId).IsUnique().HasFilter("is_primary").HasDatabaseName("ux_item_placements_primary");
        e.HasOne<PlanNode>().WithMany().HasForeignKey(p => p.NodeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScheduleCellConfiguration : IEntityTypeConfiguration<ScheduleCell>
{
    public void Configure(EntityTypeBuilder<ScheduleCell> e)
    {
        e.ToTable("item_schedule_cells");
        e.HasKey(c => new { c.ItemId, c.Row, c.FiscalYear });
        e.Property(c => c.ItemId).HasColumnName("item_id");
        e.Property(c => c.Row).HasColumnName("row");
        e.Property(c => c.RowLabel).HasColumnName("row_label");
        e.Property(c => c.FiscalYear).HasColumnName("fiscal_year");
        e.Property(c => c.Stages).HasColumnName("stages");
        e.HasIndex(c => new { c.FiscalYear, c.ItemId });
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> e)
    {
        e.ToTable("indicators");
        e.HasKey(i => i.Id);
        e.Property(i => i.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(i => i.ItemId).HasColumnName("item_id");
        e.Property(i => i.Kind).HasColumnName("kind");
        e.Property(i => i.Name).HasColumnName("name").HasMaxLength(300);
        e.Property(i => i.Unit).HasColumnName("unit").HasMaxLength(50);
        e.Property(i => i.Direction).HasColumnName("direction");
        e.Property(i => i.BaselineValue).HasColumnName("baseline_value");
        e.Property(i => i.BaselineFiscalYear).HasColumnName("baseline_fiscal_year");
        e.Property(i => i.Position).HasColumnName("position");
        e.OwnsMany(i => i.Targets, t =>
        {
            t.ToTable("indicator_targets");
            t.WithOwner().HasForeignKey(x => x.IndicatorId);
            t.HasKey(x => new { x.IndicatorId, x.FiscalYear });
            t.Property(x => x.IndicatorId).HasColumnName("indicator_id");
            t.Property(x => x.FiscalYear).HasColumnName("fiscal_year").ValueGeneratedNever();
            t.Property(x => x.Value).HasColumnName("value");
        });
        e.OwnsMany(i => i.Actuals, a =>
        {
            a.ToTable("indicator_actuals");
            a.WithOwner().HasForeignKey(x => x.IndicatorId);
            a.HasKey(x => new { x.IndicatorId, x.FiscalYear });
            a.Property(x => x.IndicatorId).HasColumnName("indicator_id");
            a.Property(x => x.FiscalYear).HasColumnName("fiscal_year").ValueGeneratedNever();
            a.Property(x => x.Value).HasColumnName("value");
            a.Property(x => x.Note).HasColumnName("note");
            a.Property(x => x.RecordedBy).HasColumnName("recorded_by").HasMaxLength(200);
            a.Property(x => x.RecordedAt).HasColumnName("recorded_at");
            a.Property(x => x.ApprovedBy).HasColumnName("approved_by").HasMaxLength(200);
            a.Property(x => x.ApprovedAt).HasColumnName("approved_at");
        });
        // Entries under review are part of the indicator (and so of its item's audit trail).
        e.HasMany(i => i.Entries).WithOne().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(i => i.Entries).AutoInclude();
        e.OwnsMany(i => i.Revisions, r =>
        {
            r.ToTable("indicator_target_revisions");
            r.WithOwner().HasForeignKey(x => x.IndicatorId);
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            r.Property(x => x.IndicatorId).HasColumnName("indicator_id");
            r.Property(x => x.FiscalYear).HasColumnName("fiscal_year");
            r.Property(x => x.PreviousValue).HasColumnName("previous_value");
            r.Property(x => x.NewValue).HasColumnName("new_value");
            r.Property(x => x.Reason).HasColumnName("reason");
            r.Property(x => x.RevisedBy).HasColumnName("revised_by").HasMaxLength(200);
            r.Property(x => x.RevisedAt).HasColumnName("revised_at");
        });
        e.Navigation(i => i.Targets).AutoInclude();
        e.Navigation(i => i.Actuals).AutoInclude();
        e.Navigation(i => i.Revisions).AutoInclude();
    }
}

internal sealed class ItemChangeConfiguration : IEntityTypeConfiguration<ItemChange>
{
    public void Configure(EntityTypeBuilder<ItemChange> e)
    {
        e.ToTable("item_changes");
        // The item's own journal, written with each item write; the item's audit entry says what changed.
        e.NotAudited();
        e.HasKey(c => c.Id);
        e.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(c => c.ItemId).HasColumnName("item_id");
        e.Property(c => c.Revision).HasColumnName("revision");
        e.Property(c => c.Kind).HasColumnName("kind").HasMaxLength(50);
        e.Property(c => c.Summary).HasColumnName("summary");
        e.Property(c => c.SnapshotJson).HasColumnName("snapshot").HasColumnType("jsonb");
        e.Property(c => c.ChangedBy).HasColumnName("changed_by").HasMaxLength(200);
        e.Property(c => c.ChangedAt).HasColumnName("changed_at");
        // History outlives the item: no foreign key, so a deleted item keeps its trail.
        e.HasIndex(c => new { c.ItemId, c.Revision });
    }
}
