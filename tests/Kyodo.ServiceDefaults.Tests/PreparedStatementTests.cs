using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.ServiceDefaults.Tests;

/// <summary>
/// A service's contexts let Npgsql prepare the statements a connection runs again and again, so
/// PostgreSQL parses and plans a hot query once per connection instead of on every call.
/// </summary>
public sealed class PreparedStatementTests(MessagingTestFixture fixture) : IClassFixture<MessagingTestFixture>
{
    [Fact]
    public async Task AQueryRunOftenOnOneConnectionIsPreparedOnTheServer()
    {
        await using var scope = fixture.Service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingTestContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            // Npgsql prepares a statement once it has seen it a few times (AutoPrepareMinUsages, 5 by default).
            for (var i = 0; i < 10; i++) await db.Tally.Where(t => t.Key == "prepared-" + i).CountAsync();

            var prepared = await db.Database
                .SqlQuery<string>($"SELECT statement AS \"Value\" FROM pg_prepared_statements")
                .ToListAsync();
            Assert.Contains(prepared, statement => statement.Contains("FROM tally", StringComparison.Ordinal));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
