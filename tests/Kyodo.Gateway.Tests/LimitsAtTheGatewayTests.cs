using System.Net;
using System.Text;
using Grpc.Core;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Testing;

namespace Kyodo.Gateway.Tests;

/// <summary>Message and body caps, the per-caller rate limit and the default deadline.</summary>
public sealed class LimitsAtTheGatewayTests(GatewayFixture system) : IClassFixture<GatewayFixture>
{
    private static string NewCaller() => TestAuth.Mint(new TokenRequest($"caller-{Guid.NewGuid():N}", "35203", [KyodoRoles.Admin]));

    [Fact]
    public async Task AnOversizedGrpcMessageIsResourceExhaustedBeforeTheServiceSeesIt()
    {
        var token = NewCaller();
        var plans = new PlanService.PlanServiceClient(system.Gateway.BareChannel);
        // 5 MB of name: over the gateway's 4 MiB default and the service's own cap.
        var huge = new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = "35203", Name = "山口市" },
            Name = new string('x', 5_000_000), StartFiscalYear = "2020", EndFiscalYear = "2024",
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => plans.CreatePlanAsync(huge, RunningGateway.Bearer(token)).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("the gateway accepts at most 4194304", error.Status.Detail);
        Assert.Equal(0, system.PlanProbe.CountWith(token));
    }

    [Fact]
    public async Task AMessageUnderTheCapPassesAndTheCapComesFromConfiguration()
    {
        await using var gateway = await system.StartGatewayAsync(new() { ["Gateway:MaxGrpcMessageBytes"] = "2048" });
        var token = NewCaller();
        var plans = new PlanService.PlanServiceClient(gateway.BareChannel);
        ListPlansRequest Request(int length) => new() { MunicipalityCode = "35203", Page = new PageRequest { PageToken = new string('a', length) } };

        // A 3000-byte message is over this gateway's 2048; a small one passes (and the service answers).
        var error = await Assert.ThrowsAsync<RpcException>(() => plans.ListPlansAsync(Request(3000), RunningGateway.Bearer(token)).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(0, system.PlanProbe.CountWith(token));

        await plans.ListPlansAsync(new ListPlansRequest { MunicipalityCode = "35203" }, RunningGateway.Bearer(token));
        Assert.Equal(1, system.PlanProbe.CountWith(token));
    }

    [Fact]
    public async Task AnOversizedRestBodyIs413BeforeTheServiceSeesIt()
    {
        var token = NewCaller();
        using var http = system.Gateway.Rest(token);
        var body = $$"""{"municipality":{"code":"35203","name":"山口市"},"name":"{{new string('x', 1_100_000)}}","startFiscalYear":"2020","endFiscalYear":"2024"}""";

        using var response = await http.PostAsync("/plan/v1/plans", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("the gateway accepts at most 1048576", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, system.PlanProbe.CountWith(token));
    }

    [Fact]
    public async Task OverTheRateLimitACallerGetsResourceExhaustedWithRetryAfterAndOthersAreUnaffected()
    {
        await using var gateway = await system.StartGatewayAsync(new()
        {
            ["Gateway:RateLimit:RequestsPerSecond"] = "1",
            ["Gateway:RateLimit:Burst"] = "3",
        });
        var busy = NewCaller();
        var plans = new PlanService.PlanServiceClient(gateway.BareChannel);
        var request = new ListPlansRequest { MunicipalityCode = "35203" };

        // The burst of 3 passes (well within one second), the 4th is refused.
        for (var i = 0; i < 3; i++) await plans.ListPlansAsync(request, RunningGateway.Bearer(busy));
        var error = await Assert.ThrowsAsync<RpcException>(() => plans.ListPlansAsync(request, RunningGateway.Bearer(busy)).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("rate limit", error.Status.Detail);
        var retryAfter = int.Parse(error.Trailers.GetValue("retry-after")!);
        Assert.InRange(retryAfter, 1, 2);
        Assert.NotNull(error.Trailers.GetValue("grpc-retry-pushback-ms"));
        Assert.Equal(3, system.PlanProbe.CountWith(busy));

        // Another caller has a bucket of its own.
        await plans.ListPlansAsync(request, RunningGateway.Bearer(NewCaller()));
    }

    [Fact]
    public async Task OverTheRateLimitARestCallerGets429WithRetryAfter()
    {
        await using var gateway = await system.StartGatewayAsync(new()
        {
            ["Gateway:RateLimit:RequestsPerSecond"] = "1",
            ["Gateway:RateLimit:Burst"] = "1",
        });
        using var http = gateway.Rest(NewCaller());

        using var first = await http.GetAsync("/plan/v1/municipalities/35203/plans");
        using var second = await http.GetAsync("/plan/v1/municipalities/35203/plans");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.InRange(second.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 2);
        Assert.Contains("\"code\":8", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CallersWithoutATokenAreLimitedByAddress()
    {
        await using var gateway = await system.StartGatewayAsync(new()
        {
            ["Gateway:RateLimit:RequestsPerSecond"] = "1",
            ["Gateway:RateLimit:Burst"] = "2",
        });
        var plans = new PlanService.PlanServiceClient(gateway.BareChannel);
        var request = new ListPlansRequest { MunicipalityCode = "35203" };

        var codes = new List<StatusCode>();
        for (var i = 0; i < 3; i++)
            codes.Add((await Assert.ThrowsAsync<RpcException>(() => plans.ListPlansAsync(request).ResponseAsync)).StatusCode);

        Assert.Equal([StatusCode.Unauthenticated, StatusCode.Unauthenticated, StatusCode.ResourceExhausted], codes);
    }

    [Fact]
    public async Task ACallWithoutADeadlineGetsTheDefaultOneAndACallersOwnIsKept()
    {
        await using var gateway = await system.StartGatewayAsync(new() { ["Gateway:DefaultDeadline"] = "00:00:07" });
        var plans = new PlanService.PlanServiceClient(gateway.BareChannel);
        var request = new ListPlansRequest { MunicipalityCode = "35203" };

        var withoutDeadline = NewCaller();
        await plans.ListPlansAsync(request, RunningGateway.Bearer(withoutDeadline));
        var withDeadline = NewCaller();
        await plans.ListPlansAsync(request, RunningGateway.Bearer(withDeadline), deadline: DateTime.UtcNow.AddMinutes(2));

        var defaulted = Assert.Single(system.PlanProbe.Calls, c => c.Authorization == "Bearer " + withoutDeadline);
        Assert.InRange((defaulted.Deadline - defaulted.ReceivedAt).TotalSeconds, 5, 7.5);
        var own = Assert.Single(system.PlanProbe.Calls, c => c.Authorization == "Bearer " + withDeadline);
        Assert.InRange((own.Deadline - own.ReceivedAt).TotalSeconds, 100, 120.5);
    }

    [Fact]
    public async Task AHungServiceIsCutOffAtTheDefaultDeadlineOverGrpcAndRest()
    {
        await using var hung = new SilentBackend();
        await using var gateway = await system.StartGatewayAsync(new() { ["Gateway:DefaultDeadline"] = "00:00:01" }, planAddress: hung.Address);
        var token = NewCaller();
        var plans = new PlanService.PlanServiceClient(gateway.BareChannel);
        var request = new ListPlansRequest { MunicipalityCode = "35203" };

        var began = DateTime.UtcNow;
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20)); // the test's own bound, far above the expected
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            plans.ListPlansAsync(request, RunningGateway.Bearer(token), cancellationToken: guard.Token).ResponseAsync);
        var grpcWaited = DateTime.UtcNow - began;

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(grpcWaited.TotalSeconds, 1, 6);

        using var http = gateway.Rest(token);
        began = DateTime.UtcNow;
        using var response = await http.GetAsync("/plan/v1/municipalities/35203/plans", guard.Token);
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.InRange((DateTime.UtcNow - began).TotalSeconds, 0.9, 6);
    }
}
