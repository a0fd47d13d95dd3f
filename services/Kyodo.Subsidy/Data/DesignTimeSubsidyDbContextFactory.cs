using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kyodo.Subsidy.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the service (it never connects).</summary>
internal sealed class DesignTimeSubsidyDbContextFactory : IDesignTimeDbContextFactory<SubsidyDbContext>
{
    public SubsidyDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SubsidyDbContext>()
            .UseNpgsql("Host=localhost;Database=kyodo_subsidy", o => o.MigrationsHistoryTable("__ef_migrations_history"))
            .Options);
}
