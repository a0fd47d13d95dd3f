using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kyodo.Budget.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the service (it never connects).</summary>
internal sealed class DesignTimeBudgetDbContextFactory : IDesignTimeDbContextFactory<BudgetDbContext>
{
    public BudgetDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BudgetDbContext>()
            .UseNpgsql("Host=localhost;Database=kyodo_budget", o => o.MigrationsHistoryTable("__ef_migrations_history"))
            .Options);
}
