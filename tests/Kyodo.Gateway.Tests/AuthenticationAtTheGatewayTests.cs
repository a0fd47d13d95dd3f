using System.Net;
using System.Security.Cryptography;
using Grpc.Core;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Testing;
using Microsoft.IdentityModel.Tokens;

namespace Kyodo.Gateway.Tests;

/// <summary>Every kind of bad token is refused at the gateway, and the service never sees the call.</summary>
public sealed class AuthenticationAtTheGatewayTests(GatewayFixture system) : IClassFixture<GatewayFixture>
{
    /// <summary>Each bad kind, as the authorization header value (null: no header at all).</summary>
    public static TheoryData<string, string?> BadTokens()
    {
        var now = DateTime.UtcNow;
        var caller = new TokenRequest("tanaka", "35203", [KyodoRoles.Viewer]);
        var otherKey = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        var signed = TestAuth.Mint(caller);
        return new TheoryData<string, string?>
        {
            { "missing", null },
            { "not a JWT", "Bearer not-a-jwt" },
            { "expired", "Bearer " + TestAuth.Mint(caller with { NotBefore = now.AddHours(-2), Lifetime = TimeSpan.FromHours(1) }) },
            { "not yet valid", "Bearer " + TestAuth.Mint(caller with { NotBefore = now.AddHours(1) }) },
            { "wrong audience", "Bearer " + TestAuth.Mint(caller with { Audience = "someone-else" }) },
            { "wrong issuer", "Bearer " + TestAuth.Mint(caller with { Issuer = "https://issuer.example.invalid" }) },
            { "forged (another key)", "Bearer " + TokenMinter.Mint(otherKey, TestAuth.Issuer, TestAuth.Audience, caller) },
            { "unsigned (signature stripped)", "Bearer " + string.Join('.', signed.Split('.')[..2]) + "." },
            { "another scheme", "Basic dGFuYWthOnNlY3JldA==" },
        };
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task AGrpcCallWithABadTokenIsUnauthenticatedAndNeverReachesTheService(string kind, string? authorization)
    {
        var plans = new PlanService.PlanServiceClient(system.Gateway.BareChannel);
        var headers = new Metadata();
        if (authorization is not null) headers.Add("authorization", authorization);
        var before = system.PlanProbe.Requests.Count;

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            plans.ListPlansAsync(new ListPlansRequest { MunicipalityCode = "35203" }, headers).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("token", error.Status.Detail);
        Assert.True(before == system.PlanProbe.Requests.Count, $"{kind}: the plan service saw the call");
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task ARestCallWithABadTokenIs401AndNeverReachesTheService(string kind, string? authorization)
    {
        using var http = system.Gateway.Rest();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/plan/v1/municipalities/35203/plans");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var before = system.PlanProbe.Requests.Count;

        using var response = await http.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{kind}: {(int)response.StatusCode}");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("\"code\":16", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, system.PlanProbe.Requests.Count);
    }

    [Fact]
    public async Task TheRefusalSaysWhichCheckFailedWithoutEchoingTheToken()
    {
        var expired = TestAuth.Mint(new TokenRequest("sato", "35203",
            [KyodoRoles.Viewer])
        { NotBefore = DateTime.UtcNow.AddHours(-2), Lifetime = TimeSpan.FromHours(1) });
        var plans = new PlanService.PlanServiceClient(system.Gateway.BareChannel);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            plans.ListPlansAsync(new ListPlansRequest { MunicipalityCode = "35203" }, RunningGateway.Bearer(expired)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("the bearer token has expired", error.Status.Detail);
    }

    [Fact]
    public async Task AValidTokenIsForwardedToTheServiceUnchanged()
    {
        var token = TestAuth.Mint(new TokenRequest($"viewer-{Guid.NewGuid():N}", "35203", [KyodoRoles.Viewer]));
        var plans = new PlanService.PlanServiceClient(system.Gateway.BareChannel);

        await plans.ListPlansAsync(new ListPlansRequest { MunicipalityCode = "35203" }, RunningGateway.Bearer(token));

        var seen = Assert.Single(system.PlanProbe.Calls, c => c.Authorization == "Bearer " + token);
        Assert.Equal("/kyodo.plan.v1.PlanService/ListPlans", seen.Method);
    }
}
