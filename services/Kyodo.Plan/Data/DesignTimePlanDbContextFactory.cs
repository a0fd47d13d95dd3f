using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kyodo.Plan.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the service (it never connects).</summary>
internal sealed class DesignTimePlanDbContextFactory : IDesignTimeDbContextFactory<PlanDbContext>
{
    public PlanDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PlanDbContext>()
            .UseNpgsql("Host=localhost;Database=kyodo_plan", o => o.MigrationsHistoryTable("__ef_migrations_history"))
            .Options);
}
