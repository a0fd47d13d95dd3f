using Microsoft.EntityFrameworkCore;

namespace Kyodo.ServiceDefaults.Projections;

public static class PlanItemFactsModel
{
    /// <summary>Maps plan_item_facts and deleted_plan_facts (see <see cref="PlanItemFact"/>). Call from OnModelCreating.</summary>
    public static ModelBuilder AddPlanItemFacts(this ModelBuilder model)
    {
        model.Entity<PlanItemFact>(e =>
        {
            e.ToTable("plan_item_facts");
            e.HasKey(f => f.ItemId);
            e.Property(f => f.ItemId).HasColumnName("item_id").ValueGeneratedNever();
            e.Property(f => f.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
            e.Property(f => f.PlanId).HasColumnName("plan_id");
            e.Property(f => f.Title).HasColumnName("title").HasMaxLength(500);
            e.Property(f => f.LeadDepartmentId).HasColumnName("lead_department_id");
            e.Property(f => f.LeadDepartmentName).HasColumnName("lead_department_name").HasMaxLength(100);
            e.Property(f => f.Revision).HasColumnName("revision");
            e.Property(f => f.Deleted).HasColumnName("deleted");
            e.HasIndex(f => f.PlanId); // a plan's deletion marks its items
        });
        model.Entity<DeletedPlanFact>(e =>
        {
            e.ToTable("deleted_plan_facts");
            e.HasKey(f => f.PlanId);
            e.Property(f => f.PlanId).HasColumnName("plan_id").ValueGeneratedNever();
            e.Property(f => f.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
        });
        return model;
    }
}
