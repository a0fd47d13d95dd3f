using Grpc.Core;
using Kyodo.Common.V1;
using Kyodo.Gateway.Benchmarks;
using Kyodo.Plan.V1;

// What the gateway costs on a read: GetPlan straight to the plan service and through the gateway,
// both authenticated, at 1, 16 and 64 concurrent callers. Needs a running system (./dev up) whose
// gateway's rate limit is above what the callers send (see the README). Bounded: per concurrency,
// a warm-up of each target, then --rounds pairs of --seconds runs; Ctrl+C stops at once.

BenchmarkOptions options;
Kyodo.Security.AuthOptions auth;
try
{
    options = BenchmarkOptions.Parse(args);
    auth = Tokens.FromEnvironment();
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

ResultTable.PrintHeader(options);
using var gatewayChannel = Channels.Create(options.Gateway);
using var directChannel = Channels.Create(options.Plan);
var viaGateway = new PlanService.PlanServiceClient(gatewayChannel);
var direct = new PlanService.PlanServiceClient(directChannel);
var tokens = Enumerable.Range(0, options.Concurrency.Max()).Select(i => Tokens.Caller(auth, i)).ToArray();

string planId;
try
{
    var headers = new Metadata { { "authorization", "Bearer " + tokens[0] } };
    planId = (await viaGateway.CreatePlanAsync(new CreatePlanRequest
    {
        Municipality = new MunicipalityRef { Code = Tokens.Municipality, Name = "ベンチマーク市" },
        Name = $"ゲートウェイ計測 {DateTime.UtcNow:O}", StartFiscalYear = "令和8年度", EndFiscalYear = "R12",
    }, headers, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: stop.Token)).Plan.Id;
    // The direct target must answer too before anything is measured.
    await direct.GetPlanAsync(new GetPlanRequest { Id = planId }, headers, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: stop.Token);
    Console.WriteLine($"setup: plan {planId} (municipality {Tokens.Municipality}) created through the gateway");
}
catch (RpcException e)
{
    Console.Error.WriteLine($"setup failed: {e.StatusCode}: {e.Status.Detail}. Is the system running (./dev up) with these Auth__* settings?");
    return 1;
}
catch (OperationCanceledException) { return 130; }

var rows = new List<(int, RunResult, RunResult)>();
try
{
    foreach (var callers in options.Concurrency)
    {
        Console.Write($"{callers} callers: warm-up ... ");
        await ReadLoad.RunAsync(direct, planId, tokens, callers, TimeSpan.FromSeconds(options.WarmupSeconds), stop.Token);
        await ReadLoad.RunAsync(viaGateway, planId, tokens, callers, TimeSpan.FromSeconds(options.WarmupSeconds), stop.Token);
        var directRounds = new List<RunResult>();
        var gatewayRounds = new List<RunResult>();
        for (var round = 0; round < options.Rounds; round++)
        {
            // Alternate which target goes first, so a drift does not always favour the same side.
            var gatewayFirst = round % 2 == 1;
            foreach (var viaTheGateway in gatewayFirst ? new[] { true, false } : [false, true])
            {
                var result = await ReadLoad.RunAsync(viaTheGateway ? viaGateway : direct, planId, tokens, callers, TimeSpan.FromSeconds(options.Seconds), stop.Token);
                (viaTheGateway ? gatewayRounds : directRounds).Add(result);
                Console.Write($"{(viaTheGateway ? "gateway" : "direct")} {result.CallsPerSecond:F0}/s ");
            }
        }
        Console.WriteLine();
        rows.Add((callers, RunResult.Combine(directRounds), RunResult.Combine(gatewayRounds)));
    }
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("stopped");
    return 130;
}

Console.WriteLine();
ResultTable.Print(rows);
return 0;
