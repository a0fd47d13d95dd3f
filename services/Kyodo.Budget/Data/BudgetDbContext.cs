using Kyodo.Budget.Domain;
using Kyodo.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Data;

/// <summary>The budget service's database: budget lines and the outbox of their events.</summary>
public sealed class BudgetDbContext(DbContextOptions<BudgetDbContext> options) : DbContext(options)
{
    public DbSet<BudgetLine> BudgetLines => Set<BudgetLine>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(BudgetDbContext).Assembly);
        model.AddOutbox();
    }
}
