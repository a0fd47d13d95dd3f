using Kyodo.Audit;
using Kyodo.Plan.Domain;
using Kyodo.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kyodo.Plan.Data;

internal sealed class MunicipalityConfiguration : IEntityTypeConfiguration<Municipality>
{
    public void Configure(EntityTypeBuilder<Municipality> e)
    {
        e.ToTable("municipalities");
        e.HasKey(m => m.Code);
        e.Property(m => m.Code).HasColumnName("code").HasMaxLength(5).IsFixedLength();
        e.Property(m => m.Name).HasColumnName("name").HasMaxLength(100);
        e.AuditMunicipalityFrom(m => m.Code);
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> e)
    {
        e.ToTable("departments");
        e.HasKey(d => d.Id);
        e.Property(d => d.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(d => d.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(d => d.Name).HasColumnName("name").HasMaxLength(100);
        e.Property(d => d.Revision).HasColumnName("revision");
        e.HasIndex(d => new { d.MunicipalityCode, d.Name }).IsUnique();
        e.HasOne<Municipality>().WithMany().HasForeignKey(d => d.MunicipalityCode);
    }
}

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
        e.Property(p => p.Revision).HasColumnName("revision");
        e.Property(p => p.Version).IsRowVersionCounter();
        e.HasIndex(p => new { p.MunicipalityCode, p.Id }); // ListPlans: one municipality, keyset on id
        e.HasIndex(p => new { p.MunicipalityCode, p.Name }).IsUnique();
        e.HasOne<Municipality>().WithMany().HasForeignKey(p => p.MunicipalityCode);
    }
}

internal sealed class PlanNodeConfiguration : IEntityTypeConfiguration<PlanNode>
{
    public void Configure(EntityTypeBuilder<PlanNode> e)
    {
        e.ToTable("plan_nodes");
        e.HasKey(n => n.Id);
        e.Property(n => n.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(n => n.PlanId).HasColumnName("plan_id");
        e.Property(n => n.ParentId).HasColumnName("parent_id");
        e.Property(n => n.LevelName).HasColumnName("level_name").HasMaxLength(50);
        e.Property(n => n.Code).HasColumnName("code").HasMaxLength(50);
        e.Property(n => n.Title).HasColumnName("title").HasMaxLength(500);
        e.Property(n => n.Position).HasColumnName("position");
        e.Property(n => n.Revision).HasColumnName("revision");
        e.Property(n => n.Version).IsRowVersionCounter();
        // A printed code is unique among siblings; roots (no parent) count as siblings too.
        e.HasIndex(n => new { n.PlanId, n.ParentId, n.Code }).IsUnique().AreNullsDistinct(false);
        e.HasOne<Domain.Plan>().WithMany().HasForeignKey(n => n.PlanId).OnDelete(DeleteBehavior.Cascade);
        // NO ACTION (checked at the end of the statement) lets one DELETE remove a whole tree.
        e.HasOne<PlanNode>().WithMany().HasForeignKey(n => n.ParentId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class PriorityGoalConfiguration : IEntityTypeConfiguration<PriorityGoal>
{
    public void Configure(EntityTypeBuilder<PriorityGoal> e)
    {
        e.ToTable("priority_goals");
        e.HasKey(g => g.Id);
        e.Property(g => g.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(g => g.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        e.Property(g => g.DepartmentId).HasColumnName("department_id");
        e.Property(g => g.FiscalYear).HasColumnName("fiscal_year");
        e.Property(g => g.Position).HasColumnName("position");
        e.Property(g => g.Title).HasColumnName("title");
        e.Property(g => g.Description).HasColumnName("description");
        e.Property(g => g.Revision).HasColumnName("revision");
        e.Property(g => g.Version).IsRowVersionCounter();
        e.HasIndex(g => new { g.MunicipalityCode, g.DepartmentId, g.FiscalYear, g.Position });
        e.HasOne<Department>().WithMany().HasForeignKey(g => g.DepartmentId);
        e.OwnsMany(g => g.Items, item =>
        {
            item.ToTable("priority_goal_items");
            item.WithOwner().HasForeignKey(i => i.GoalId);
            item.HasKey(i => new { i.GoalId, i.Position });
            item.Property(i => i.GoalId).HasColumnName("goal_id");
            item.Property(i => i.Position).HasColumnName("position").ValueGeneratedNever();
            item.Property(i => i.Number).HasColumnName("number").HasMaxLength(20);
            item.Property(i => i.Text).HasColumnName("text");
            item.Property(i => i.Target).HasColumnName("target");
            item.Property(i => i.Achievement).HasColumnName("achievement");
        });
        e.Navigation(g => g.Items).AutoInclude();
    }
}
