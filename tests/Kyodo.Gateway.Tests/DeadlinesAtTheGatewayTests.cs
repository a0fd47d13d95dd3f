using System.Net;
using System.Text.Json;
using Grpc.Core;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Testing;

namespace Kyodo.Gateway.Tests;

/// <summary>
/// Every call through the gateway has a deadline, gRPC and REST alike: the caller's own
/// (grpc-timeout, which REST callers may send too) or the gateway's default, sent on to the service.
/// </summary>
public sealed class DeadlinesAtTheGatewayTests(GatewayFixture system) : IClassFixture<GatewayFixture>
{
    private static string NewCaller() => TestAuth.Mint(new TokenRequest($"caller-{Guid.NewGuid():N}", "35203", [KyodoRoles.Admin]));

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

        // What the gateway sent on: the default as it writes it, and the caller's own as the caller's client wrote it.
        var defaulted = Assert.Single(system.PlanProbe.Requests, r => r.Authorization == "Bearer " + withoutDeadline);
        Assert.Equal("7000m", defaulted.GrpcTimeout);
        var own = Assert.Single(system.PlanProbe.Requests, r => r.Authorization == "Bearer " + withDeadline);
        Assert.NotNull(own.GrpcTimeout);
        // The client writes what is left of its two minutes: more than the default by far, at most the two minutes.
        Assert.InRange(Timeout(own.GrpcTimeout), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2));
        // And the service took them as the call's deadline.
        Assert.NotEqual(DateTime.MaxValue,
            Assert.Single(system.PlanProbe.Calls, c => c.Authorization == "Bearer " + withoutDeadline).Deadline);
    }

    /// <summary>A grpc-timeout header's value (digits and one unit: H, M, S, m, u, n), read here independently of the gateway's own
    /// parser.</summary>
    private static TimeSpan Timeout(string header)
    {
        var amount = long.Parse(header[..^1], System.Globalization.CultureInfo.InvariantCulture);
        return header[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            var unit => throw new FormatException($"'{unit}' is not a grpc-timeout unit ({header})"),
        };
    }

    [Fact]
    public async Task ARestCallWithoutADeadlineReachesTheServiceWithTheDefaultOne()
    {
        await using var gateway = await system.StartGatewayAsync(new() { ["Gateway:DefaultDeadline"] = "00:00:07" });
        var token = NewCaller();
        using var http = gateway.Rest(token);

        using var response = await http.GetAsync("/plan/v1/municipalities/35203/plans");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(system.PlanProbe.Requests, r => r.Authorization == "Bearer " + token);
        Assert.Equal(("7000m", "/plan/v1/municipalities/35203/plans"), (seen.GrpcTimeout, seen.Path));
    }

    [Fact]
    public async Task ARestCallersOwnGrpcTimeoutReachesTheServiceAsGiven()
    {
        var token = NewCaller();
        using var http = system.Gateway.Rest(token);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/plan/v1/municipalities/35203/plans");
        request.Headers.Add("grpc-timeout", "2S");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2S", Assert.Single(system.PlanProbe.Requests, r => r.Authorization == "Bearer " + token).GrpcTimeout);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("2s")]          // units are case-sensitive: s is not one
    [InlineData("123456789S")]  // at most 8 digits
    [InlineData("-5S")]
    public async Task ARestCallWithAMalformedGrpcTimeoutIs400AndNeverReachesTheService(string timeout)
    {
        var token = NewCaller();
        using var http = system.Gateway.Rest(token);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/plan/v1/municipalities/35203/plans");
        request.Headers.TryAddWithoutValidation("grpc-timeout", timeout);

        using var response = await http.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(3, problem.GetProperty("code").GetInt32()); // INVALID_ARGUMENT
        Assert.StartsWith($"the grpc-timeout header '{timeout}' is not a timeout", problem.GetProperty("message").GetString());
        Assert.Equal(0, system.PlanProbe.RequestsWith(token));
    }

    [Fact]
    public async Task AHungServiceIsCutOffAtTheDefaultDeadlineOverGrpcAndRest()
    {
        await using var hung = new SilentBackend();
        await using var gateway =
            await system.StartGatewayAsync(new() { ["Gateway:DefaultDeadline"] = "00:00:01" }, planAddress: hung.Address);
        var token = NewCaller();
        var plans = new PlanService.PlanServiceClient(gateway.BareChannel);
        var request = new ListPlansRequest { MunicipalityCode = "35203" };
        // The test's own bound, far above the deadline: had the gateway not cut the call off, it
        // would end here, as CANCELLED (gRPC) or a cancelled request (REST), not with these statuses.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            plans.ListPlansAsync(request, RunningGateway.Bearer(token), cancellationToken: guard.Token).ResponseAsync);
        using var http = gateway.Rest(token);
        using var response = await http.GetAsync("/plan/v1/municipalities/35203/plans", guard.Token);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Contains("within the call's deadline (1 s)", error.Status.Detail);
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("\"code\":4", await response.Content.ReadAsStringAsync());
    }
}
