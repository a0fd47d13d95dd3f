using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>
/// The runtime settings the reporting service's own runtimeconfig gives it (Kyodo.Reporting.csproj), as the environment variables
/// that give them to the benchmark's reporting process: that process runs this program, whose runtimeconfig is its own. Read from
/// the service's file, which the build copies beside this program's, so a setting changed in the service is measured here too.
/// </summary>
public static class ServiceRuntimeConfig
{
    // The settings the service may set apart from this program, and their variables (decisions 043, 049 and 051).
    private static readonly Dictionary<string, string> Variables = new()
    {
        ["System.Runtime.TieredPGO"] = "DOTNET_TieredPGO",
        ["System.GC.LOHThreshold"] = "DOTNET_GCLOHThreshold",
        ["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"] = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit",
    };

    /// <summary>The variables for every setting in which the service's runtimeconfig differs from this program's; fails on one
    /// without a variable here, rather than measure a process that runs otherwise than the service.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentVariables()
    {
        var service = Properties("Kyodo.Reporting.runtimeconfig.json");
        var own = Properties($"{typeof(ServiceRuntimeConfig).Assembly.GetName().Name}.runtimeconfig.json");
        if (own.Keys.Except(service.Keys).FirstOrDefault() is { } extra)
            throw new InvalidOperationException($"This program's runtimeconfig sets {extra}, which the reporting service's does not.");
        var variables = new Dictionary<string, string>();
        foreach (var (name, value) in service)
        {
            if (own.TryGetValue(name, out var same) && JsonNode.DeepEquals(same, value)) continue;
            if (!Variables.TryGetValue(name, out var variable))
                throw new InvalidOperationException($"The reporting service's runtimeconfig sets {name}, which the national benchmark does "
                    + $"not give its reporting process: add its environment variable to {nameof(ServiceRuntimeConfig)}.");
            variables[variable] = Text(name, value);
        }
        return variables;
    }

    // The runtime reads a DOTNET_ number as hexadecimal.
    private static string Text(string name, JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.True => "1",
        JsonValueKind.False => "0",
        JsonValueKind.Number => value.GetValue<long>().ToString("x", CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"{name} is neither a number nor true or false in the service's runtimeconfig."),
    };

    private static Dictionary<string, JsonNode?> Properties(string runtimeConfig) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, runtimeConfig)))!["runtimeOptions"]!["configProperties"]!
            .AsObject().ToDictionary(p => p.Key, p => p.Value);
}
