using Grpc.Core;
using Kyodo.Cli.Connection;

namespace Kyodo.Cli.Commands;

/// <summary>
/// <c>kyodo health</c>: asks each service a cheap read through the gateway. A service that is not
/// ready (database unreachable, schema not current) answers UNAVAILABLE through its readiness gate,
/// and so does the gateway when the service is down; any other answer, even a refusal of the
/// made-up municipality, means the service is there and serving.
/// </summary>
internal static class HealthCommand
{
    // A municipality no city has, so the probe reads nothing.
    private const string NoMunicipality = "00000";

    private static readonly (string Name, Func<CallInvoker, CallOptions, Task> Probe)[] Services =
    [
        ("plan", (c, o) => new Plan.V1.PlanService.PlanServiceClient(c)
            .ListPlansAsync(new() { MunicipalityCode = NoMunicipality }, o).ResponseAsync),
        ("budget", (c, o) => new Budget.V1.BudgetService.BudgetServiceClient(c)
            .ListBudgetLinesAsync(new() { MunicipalityCode = NoMunicipality }, o).ResponseAsync),
        ("subsidy", (c, o) => new Subsidy.V1.SubsidyService.SubsidyServiceClient(c)
            .ListProgramsAsync(new() { MunicipalityCode = NoMunicipality }, o).ResponseAsync),
        ("reporting", (c, o) => new Reporting.V1.ReportingService.ReportingServiceClient(c)
            .GetMunicipalityOverviewAsync(new() { MunicipalityCode = NoMunicipality }, o).ResponseAsync),
    ];

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct)
    {
        var line = CommandLine.Parse(args);
        using var gateway = Gateway.Open(line, console);
        line.RejectUnused();
        if (line.Positional.Count > 0) throw new UsageException("health takes no arguments");

        var results = await Task.WhenAll(Services.Select(async s => (s.Name, Verdict: await AskAsync(s.Probe, gateway.ProbeInvoker, ct))));
        console.Out.WriteLine($"gateway {gateway.Address}");
        foreach (var (name, verdict) in results)
            console.Out.WriteLine($"  {name,-10} {(verdict.Ready ? "ready" : "NOT READY")}  {verdict.Detail}");
        return results.All(r => r.Verdict.Ready) ? ExitCodes.Ok : ExitCodes.Unavailable;
    }

    private static async Task<(bool Ready, string Detail)> AskAsync(Func<CallInvoker, CallOptions, Task> probe, CallInvoker invoker,
        CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await probe(invoker, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: ct));
            return (true, $"{started.ElapsedMilliseconds} ms");
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            return (false, $"{e.StatusCode}: {e.Status.Detail}");
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
        {
            // Someone answered and judged the token: the service (or the gateway) is up.
            return (true, $"{started.ElapsedMilliseconds} ms (token refused: {e.StatusCode})");
        }
        catch (RpcException e)
        {
            return (true, $"{started.ElapsedMilliseconds} ms ({e.StatusCode})");
        }
    }
}
