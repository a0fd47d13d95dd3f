using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kyodo.Reporting.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the service (it never connects).</summary>
internal sealed class DesignTimeReportingDbContextFactory : IDesignTimeDbContextFactory<ReportingDbContext>
{
    public ReportingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReportingDbContext>()
            .UseNpgsql("Host=localhost;Database=kyodo_reporting", o => o.MigrationsHistoryTable("__ef_migrations_history"))
            .Options);
}
