using System.Reflection;
using Google.Protobuf.Reflection;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.EndToEnd.Tests;

// Deny by default only works if every RPC has a decision: an RPC added to any .proto without a
// rule in its service's access table fails here (and is refused at run time).
public sealed class AccessTableCoverageTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    /// <summary>Every gRPC service the generated protos define (every kyodo.* file in the Kyodo.Protos assembly).</summary>
    private static IEnumerable<Google.Protobuf.Reflection.ServiceDescriptor> AllServices() =>
        typeof(PlanService).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>()
            .Where(f => f.Package.StartsWith("kyodo.", StringComparison.Ordinal))
            .SelectMany(f => f.Services);

    [Fact]
    public void EveryMethodOfEveryServiceIsDeclaredByTheServiceThatHostsIt()
    {
        var tables = new[] { system.Plan, system.Budget, system.Subsidy, system.Reporting }
            .SelectMany(s => s.Services.GetServices<AccessTable>())
            .ToDictionary(t => t.Service);
        var services = AllServices().ToList();
        Assert.True(services.Count >= 4, $"found only {services.Count} services in the protos");

        var undeclared = services.SelectMany(s => s.Methods)
            .Where(m => !(tables.GetValueOrDefault(m.Service.FullName)?.Rules.ContainsKey(m.Name) ?? false))
            .Select(m => $"{m.Service.FullName}/{m.Name}")
            .ToList();
        Assert.True(undeclared.Count == 0, "Methods no access rule declares (refused for everyone): " + string.Join(", ", undeclared));

        var unknown = tables.Values.SelectMany(t => t.Rules.Keys.Select(m => $"{t.Service}/{m}"))
            .Except(services.SelectMany(s => s.Methods.Select(m => $"{s.FullName}/{m.Name}")))
            .ToList();
        Assert.True(unknown.Count == 0, "Access rules for methods that do not exist: " + string.Join(", ", unknown));
    }
}
