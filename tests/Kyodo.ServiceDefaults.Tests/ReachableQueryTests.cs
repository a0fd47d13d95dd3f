using Kyodo.Security;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.ServiceDefaults.Tests;

/// <summary>
/// The municipality a caller is limited to reaches the SQL as a parameter, never as text: a literal
/// would make each municipality's query a different one for EF's query cache and PostgreSQL's prepared
/// statements, 1,741 of each in a national deployment.
/// </summary>
public sealed class ReachableQueryTests
{
    [Fact]
    public void TheCallersMunicipalityIsAParameterOfTheQueryNotPartOfItsText()
    {
        var caller = new Caller("u", "35203", [], new HashSet<string> { KyodoRoles.Viewer }, new HashSet<string>(), null);
        var access = CallAccess.Decide(caller, AccessRule.Read, out _)!;
        using var db = new MessagingTestContext(new DbContextOptionsBuilder<MessagingTestContext>().UseNpgsql("Host=unused").Options);

        var sql = db.Tally.Reachable(access, t => t.Key).ToQueryString();

        var text = string.Join('\n', sql.Split('\n').Where(line => !line.StartsWith("--", StringComparison.Ordinal)));
        Assert.DoesNotContain("35203", text);
        Assert.Contains("35203", sql); // in the parameters' declaration above the text
    }
}
