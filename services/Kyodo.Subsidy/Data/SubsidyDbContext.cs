using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Subsidy.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Data;

/// <summary>The subsidy service's database: programs and the outbox of their events.</summary>
public sealed class SubsidyDbContext(DbContextOptions<SubsidyDbContext> options) : DbContext(options)
{
    public DbSet<SubsidyProgram> Programs => Set<SubsidyProgram>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(SubsidyDbContext).Assembly);
        model.AddOutbox();
    }
}
