using System.Diagnostics;
using Grpc.Core;
using Kyodo.Budget.Benchmarks;
using Kyodo.Budget.V1;

// Reserve throughput and latency with N concurrent callers on one budget line and on 100,
// through the gateway and straight to the budget service. Needs a running system (./dev up).
// Bounded: setup, then four runs of (warm-up + --seconds); Ctrl+C stops at once.

BenchmarkOptions options;
try { options = BenchmarkOptions.Parse(args); }
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
using var directChannel = Channels.Create(options.Budget);
var viaGateway = new BudgetService.BudgetServiceClient(gatewayChannel);
var direct = new BudgetService.BudgetServiceClient(directChannel);

IReadOnlyList<string> lineIds;
try
{
    var began = Stopwatch.GetTimestamp();
    lineIds = await BenchmarkSetup.CreateLinesAsync(gatewayChannel, options.Lines, stop.Token);
    // The direct target must answer too before anything is measured.
    await direct.GetBudgetLineAsync(new GetBudgetLineRequest { Id = lineIds[0] }, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: stop.Token);
    Console.WriteLine($"setup: plan, 1 node, {lineIds.Count} items and FY{BenchmarkSetup.FiscalYear} lines of {BenchmarkSetup.LineYen:N0} yen each " +
                      $"(municipality {BenchmarkSetup.MunicipalityCode}) via the gateway in {Stopwatch.GetElapsedTime(began).TotalSeconds:F1} s");
}
catch (RpcException e)
{
    Console.Error.WriteLine($"setup failed: {e.StatusCode}: {e.Status.Detail}. Is the system running (./dev up)?");
    return 1;
}
catch (OperationCanceledException) { return 130; }

// Table order a–d; run order alternates which target goes first, so a slow drift (tables
// growing, the machine warming) does not always favour the same side.
var oneGateway = new Scenario("a", ViaGateway: true, Lines: 1);
var oneDirect = new Scenario("b", ViaGateway: false, Lines: 1);
var manyGateway = new Scenario("c", ViaGateway: true, Lines: lineIds.Count);
var manyDirect = new Scenario("d", ViaGateway: false, Lines: lineIds.Count);
Scenario[] table = [oneGateway, oneDirect, manyGateway, manyDirect];
Scenario[] runOrder = [oneGateway, oneDirect, manyDirect, manyGateway];

var successfulCalls = 0L;
try
{
    foreach (var scenario in runOrder)
    {
        var client = scenario.ViaGateway ? viaGateway : direct;
        var lines = lineIds.Take(scenario.Lines).ToArray();
        Console.Write($"running {scenario.Name}: warm-up {options.WarmupSeconds} s, ");
        var warmup = await ReserveLoad.RunAsync(client, lines, options.Callers, TimeSpan.FromSeconds(options.WarmupSeconds), stop.Token);
        Console.Write($"measuring {options.Seconds} s ... ");
        scenario.Result = await ReserveLoad.RunAsync(client, lines, options.Callers, TimeSpan.FromSeconds(options.Seconds), stop.Token);
        successfulCalls += warmup.Calls + scenario.Result.Calls;
        Console.WriteLine($"{scenario.Result.CallsPerSecond:F0} calls/s");
    }
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("stopped");
    return 130;
}

Console.WriteLine();
ResultTable.Print(table);

// Every success reserved exactly 1 yen, so the lines' reserved totals must add up to the count.
var reserved = 0L;
foreach (var id in lineIds)
    reserved += (await direct.GetBudgetLineAsync(new GetBudgetLineRequest { Id = id }, deadline: DateTime.UtcNow.AddSeconds(10))).Line.ReservedYen;
Console.WriteLine($"check: {successfulCalls} successful Reserve calls (warm-ups included), {reserved} yen reserved on the lines" +
                  (reserved == successfulCalls ? " (equal)" : " (DIFFERENT: a failed or timed-out call may still have reserved)"));
return 0;
