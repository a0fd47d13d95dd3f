using Kyodo.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Data;

/// <summary>The plan service's database: plans and the outbox of their events.</summary>
public sealed class PlanDbContext(DbContextOptions<PlanDbContext> options) : DbContext(options)
{
    public DbSet<Domain.Plan> Plans => Set<Domain.Plan>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(PlanDbContext).Assembly);
        model.AddOutbox();
    }
}
