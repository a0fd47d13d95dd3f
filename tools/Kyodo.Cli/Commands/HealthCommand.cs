using Grpc.Core;
using Grpc.Health.V1;
using Kyodo.Cli.Connection;

namespace Kyodo.Cli.Commands;

/// <summary>
/// <c>kyodo health</c>: asks the gateway's grpc.health.v1.Health for itself and for each service
/// (the gateway asks that backend's own health service, which says SERVING only when its
/// database and broker answer; a backend it cannot reach is NOT_SERVING). Health needs no token,
/// so readiness never depends on one; the token is then tried with one cheap authenticated read.
/// Exit 0 when everything is ready and the token accepted; 69 (EX_UNAVAILABLE) when anything is
/// not ready, whatever the token; 77 (EX_NOPERM) when all is ready but the token is refused.
/// </summary>
internal static class HealthCommand
{
    // A municipality no city has, so the token's read reads nothing.
    private const string NoMunicipality = "00000";

    private static readonly (string Name, string Service)[] Services =
    [
        ("gateway", ""),
        ("plan", Plan.V1.PlanService.Descriptor.FullName),
        ("budget", Budget.V1.BudgetService.Descriptor.FullName),
        ("subsidy", Subsidy.V1.SubsidyService.Descriptor.FullName),
        ("reporting", Reporting.V1.ReportingService.Descriptor.FullName),
    ];

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct)
    {
        var line = CommandLine.Parse(args);
        using var gateway = Gateway.Open(line, console);
        line.RejectUnused();
        if (line.Positional.Count > 0) throw new UsageException("health takes no arguments");

        var checks = Services.Select(async s => (s.Name, Verdict: await CheckAsync(s.Service, gateway.AnonymousProbeInvoker, ct))).ToList();
        var token = TokenAsync(gateway.ProbeInvoker, ct);
        var results = await Task.WhenAll(checks);
        var (tokenAccepted, tokenDetail) = await token;

        console.Out.WriteLine($"gateway {gateway.Address}");
        foreach (var (name, verdict) in results)
            console.Out.WriteLine($"  {name,-10} {(verdict.Ready ? "ready" : "NOT READY"),-9}  {verdict.Detail}");
        console.Out.WriteLine($"  {"token",-10} {tokenDetail}");
        if (!results.All(r => r.Verdict.Ready)) return ExitCodes.Unavailable;
        return tokenAccepted ? ExitCodes.Ok : ExitCodes.NoPermission;
    }

    private static async Task<(bool Ready, string Detail)> CheckAsync(string service, CallInvoker invoker, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var answer = await new Health.HealthClient(invoker).CheckAsync(new HealthCheckRequest { Service = service },
                new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: ct));
            return answer.Status == HealthCheckResponse.Types.ServingStatus.Serving
                ? (true, $"SERVING, {started.ElapsedMilliseconds} ms")
                : (false, answer.Status == HealthCheckResponse.Types.ServingStatus.NotServing && service.Length > 0
                    ? "NOT_SERVING (down, unreachable from the gateway, or its database or broker does not answer)"
                    : answer.Status.ToString());
        }
        catch (RpcException e)
        {
            return (false, $"{e.StatusCode}: {e.Status.Detail}");
        }
    }

    /// <summary>
    /// One cheap authenticated call: the gateway and the services refuse a missing or bad token as
    /// UNAUTHENTICATED before anything else, so any other answer (even "not allowed to read that
    /// municipality") means the token is accepted.
    /// </summary>
    private static async Task<(bool Accepted, string Detail)> TokenAsync(CallInvoker invoker, CancellationToken ct)
    {
        try
        {
            await new Plan.V1.PlanService.PlanServiceClient(invoker).ListPlansAsync(
                new Plan.V1.ListPlansRequest { MunicipalityCode = NoMunicipality },
                new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: ct));
            return (true, "accepted");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
        {
            return (false, $"refused: {e.Status.Detail} (get one with `kyodo token` or `./dev token`)");
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            return (false, $"not checked: {e.StatusCode}: {e.Status.Detail}");
        }
        catch (RpcException e)
        {
            return (true, $"accepted ({e.StatusCode}: {e.Status.Detail})");
        }
    }
}
