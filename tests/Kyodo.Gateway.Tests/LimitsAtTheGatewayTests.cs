using System.Net;
using System.Text;
using Grpc.Core;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Testing;

namespace Kyodo.Gateway.Tests;

/// <summary>The per-caller rate limit.</summary>
public sealed class LimitsAtTheGatewayTests(GatewayFixture system) : IClassFixture<GatewayFixture>
{
    private static string NewCaller() => TestAuth.Mint(new TokenRequest($"caller-{Guid.NewGuid():N}", "35203", [KyodoRoles.Admin]));

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

        // Twelve at once: the burst of 3 passes (plus one per second the calls take, on a slow
        // machine), the rest are refused before they reach the service.
        var calls = Enumerable.Range(0, 12).Select(_ => plans.ListPlansAsync(request, RunningGateway.Bearer(busy)).ResponseAsync).ToList();
        var outcomes = await Task.WhenAll(calls.Select(async call =>
        {
            try { await call; return null; }
            catch (RpcException e) { return e; }
        }));

        var refused = outcomes.OfType<RpcException>().ToList();
        var passed = outcomes.Count(o => o is null);
        Assert.True(passed >= 3 && refused.Count > 0, $"{passed} passed, {refused.Count} refused");
        var error = refused[0];
        Assert.All(refused, e => Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode));
        Assert.Contains("rate limit", error.Status.Detail);
        var retryAfter = int.Parse(error.Trailers.GetValue("retry-after")!);
        Assert.InRange(retryAfter, 1, 2);
        Assert.NotNull(error.Trailers.GetValue("grpc-retry-pushback-ms"));
        Assert.Equal(passed, system.PlanProbe.CountWith(busy));

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

        // Eight at once: the burst of 1 passes (plus one per second they take), the rest are refused.
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => http.GetAsync("/plan/v1/municipalities/35203/plans")));
        try
        {
            Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
            var refused = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
            Assert.NotEmpty(refused);
            Assert.All(refused, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
            Assert.InRange(refused[0].Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 2);
            Assert.Contains("\"code\":8", await refused[0].Content.ReadAsStringAsync());
        }
        finally
        {
            foreach (var response in responses) response.Dispose(); // a failed assertion too leaves no connection held
        }
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

        // Eight at once from one address without a token: the burst of 2 (plus one per second they
        // take) reach the token check and are UNAUTHENTICATED; the rest are limited first.
        var codes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            (await Assert.ThrowsAsync<RpcException>(() => plans.ListPlansAsync(request).ResponseAsync)).StatusCode));

        Assert.True(codes.Count(c => c == StatusCode.Unauthenticated) >= 2 && codes.Contains(StatusCode.ResourceExhausted),
            string.Join(", ", codes));
        Assert.All(codes, c => Assert.Contains(c, new[] { StatusCode.Unauthenticated, StatusCode.ResourceExhausted }));
    }
}
