using Kyodo.ServiceDefaults.Grpc;

namespace Kyodo.Reporting.Rebuild;

/// <summary>
/// <c>dotnet Kyodo.Reporting.dll rebuild [--municipality CODE]</c>: repopulates the read models
/// from the other services' list APIs (Services:Plan, Services:Budget, Services:Subsidy) and
/// exits, without starting the host: 0 when done, 1 on a problem (printed to stderr), 2 on bad
/// arguments. Safe to run while the service runs.
/// </summary>
public static class RebuildCommand
{
    public static bool Matches(string[] args) => args is ["rebuild", ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        string? municipality = null;
        if (args is ["rebuild", "--municipality", var code]) municipality = code;
        else if (args is not ["rebuild"])
            return Usage("expected: rebuild [--municipality CODE]");
        if (municipality is not null && !MunicipalityCode.IsValid(municipality))
            return Usage($"--municipality must be a 5-digit local-government code, not '{municipality}'");

        var configuration = app.Configuration;
        var token = RebuildToken.From(configuration, TimeSpan.FromHours(1));
        var log = app.Services.GetRequiredService<ILogger<ReadModelRebuild>>();
        if (token is null)
            log.LogWarning("No Rebuild:BearerToken and no local Auth signing key: calling the services without a token");

        using var sources = new RebuildSources(
            Address(configuration["Services:Plan"], "Services:Plan"),
            Address(configuration["Services:Budget"], "Services:Budget"),
            Address(configuration["Services:Subsidy"], "Services:Subsidy"),
            token);
        var rebuild = new ReadModelRebuild(app.Services.GetRequiredService<IServiceScopeFactory>(), sources,
            app.Services.GetRequiredService<TimeProvider>(), log);
        try
        {
            foreach (var counts in await rebuild.RunAsync(municipality, CancellationToken.None))
                Console.WriteLine(counts);
            return 0;
        }
        catch (global::Grpc.Core.RpcException e)
        {
            await Console.Error.WriteLineAsync($"rebuild: a service answered {e.StatusCode}: {e.Status.Detail}");
            return 1;
        }
    }

    // Keys spelled out at the call: the deployment tests derive what each application reads from the code.
    private static Uri Address(string? configured, string key) =>
        new(configured ?? throw new InvalidOperationException($"{key} is not configured."));

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"rebuild: {message}");
        return 2;
    }
}
