using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.ServiceDefaults.Tests;

/// <summary>
/// A service's contexts take pooled connections without the reset Npgsql would otherwise run first
/// (seven statements before every request's first query): what a request leaves in its session is
/// still there for the next one, which is why the services leave nothing there (DatabaseExtensions).
/// </summary>
public sealed class PooledConnectionTests(MessagingTestFixture fixture) : IClassFixture<MessagingTestFixture>
{
    [Fact]
    public async Task AConnectionBackFromThePoolIsNotResetBeforeTheNextRequest()
    {
        // Each request reads what its session holds, then leaves a mark there. The pool hands its idle
        // connections out in turn, so within a few requests one meets a session an earlier one marked.
        var marked = new HashSet<int>();
        for (var request = 0; request < 50; request++)
        {
            var (backend, found) = await ReadThenMarkSessionAsync();
            if (!marked.Add(backend))
            {
                Assert.Equal("kept", found); // RESET ALL would have cleared it
                return;
            }
        }
        Assert.Fail("50 requests never met a pooled connection twice");
    }

    private async Task<(int Backend, string Found)> ReadThenMarkSessionAsync()
    {
        await using var scope = fixture.Service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingTestContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            var backend = await db.Database.SqlQuery<int>($"SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
            var found = await db.Database.SqlQuery<string>(
                $"SELECT coalesce(current_setting('kyodo.probe', true), '') AS \"Value\"").SingleAsync();
            await db.Database.SqlQuery<string>($"SELECT set_config('kyodo.probe', 'kept', false) AS \"Value\"").SingleAsync();
            return (backend, found);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
