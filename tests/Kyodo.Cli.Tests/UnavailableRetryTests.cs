using Grpc.Core;
using Grpc.Core.Interceptors;
using Kyodo.Budget.V1;
using Kyodo.Cli.Connection;
using Kyodo.Plan.V1;
using Kyodo.Testing;

namespace Kyodo.Cli.Tests;

/// <summary>
/// A gateway whose backends nothing listens on answers UNAVAILABLE: kyodo tries reads and the
/// repeatable batch writes, and calls carrying a request_id, again with a short backoff; never a write that could be applied twice.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class UnavailableRetryTests(KyodoSystem system)
{
    // Held, never listening, for the life of the test process: nothing can start answering there.
    private static readonly ClosedPort Nowhere = new();

    private static Dictionary<string, string?> NothingBehind()
    {
        var nowhere = $"http://127.0.0.1:{Nowhere.Port}";
        return new()
        {
            ["Services:Plan"] = nowhere, ["Services:Budget"] = nowhere, ["Services:Subsidy"] = nowhere,
            ["Services:Reporting"] = nowhere
        };
    }

    [Fact]
    public async Task AnExportIsTriedAgainWithBackoff_ThenExits69()
    {
        await using var gateway = await system.StartGatewayAsync(NothingBehind(), waitUntilReady: false);
        var run = await KyodoSystem.RunThroughAsync(gateway, ["export", "--municipality", "99001", "--max-attempts", "3"]);
        Assert.True(run.ExitCode == 69, run.ToString());
        Assert.Contains("unavailable: ", run.Error);
        Assert.Contains("before attempt 2 of 3", run.Error);
        Assert.Contains("before attempt 3 of 3", run.Error);
        // The export's first read of the plan service (which one is the exporter's business) gives up.
        Assert.Matches(@"giving up on kyodo\.plan\.v1\.PlanService/List\w+ after 3 attempts", run.Error);
    }

    [Fact]
    public async Task OnlyRepeatableCallsAreSentAgain()
    {
        await using var gateway = await system.StartGatewayAsync(NothingBehind(), waitUntilReady: false);
        async Task<string> Attempts(Func<CallInvoker, Task> call)
        {
            var messages = new StringWriter();
            var invoker = gateway.Channel.Intercept(new RetryingInterceptor(new RetryPolicy(3, TimeSpan.FromSeconds(30)), messages))
                .Intercept(m => { m.Add("authorization", "Bearer " + TestAuth.SystemToken()); return m; });
            var failure = await Assert.ThrowsAsync<RpcException>(() => call(invoker));
            Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
            return messages.ToString();
        }

        // A sheet sent twice leaves the years that already say so alone: repeated.
        Assert.Contains("attempt 3 of 3", await Attempts(i => new BudgetService.BudgetServiceClient(i)
            .UpsertItemSheetAsync(new UpsertItemSheetRequest { MunicipalityCode = "99001" }).ResponseAsync));
        Assert.Contains("attempt 2 of 3", await Attempts(i => new PlanService.PlanServiceClient(i)
            .GetPlanAsync(new GetPlanRequest { Id = Guid.NewGuid().ToString() }).ResponseAsync));
        // A plan import carries a request_id: a repeat of one that had arrived answers the first answer.
        Assert.Contains("attempt 3 of 3", await Attempts(i => new PlanService.PlanServiceClient(i)
            .ImportPlanAsync(new ImportPlanRequest { Name = "x" }).ResponseAsync));
        // A revision would be recorded twice.
        Assert.Equal("", await Attempts(i => new PlanService.PlanServiceClient(i)
            .ReviseTargetAsync(new ReviseTargetRequest { IndicatorId = Guid.NewGuid().ToString() }).ResponseAsync));
    }

    [Fact]
    public async Task HealthReportsAnUnreachableServiceAtOnce_WithoutRetrying()
    {
        await using var gateway = await system.StartGatewayAsync(NothingBehind(), waitUntilReady: false);
        var run = await KyodoSystem.RunThroughAsync(gateway, ["health"]);
        Assert.Equal(69, run.ExitCode);
        Assert.Contains("NOT READY", run.Out);
        Assert.DoesNotContain("waiting", run.Error);
    }
}
