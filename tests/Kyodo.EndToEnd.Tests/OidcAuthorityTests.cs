using Grpc.Core;
using Kyodo.Gateway;
using Kyodo.Plan;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Testing;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// Issue 7: "Production points at an OIDC authority by configuration." The gateway and the plan
/// service are given only <c>Auth:Authority</c> (a stand-in provider on a real socket): they must
/// take the issuer and the signing keys from its discovery document and JWKS, and refuse what
/// that provider did not sign, the local development key's tokens included.
/// </summary>
public sealed class OidcAuthorityTests : IAsyncLifetime
{
    private const string Municipality = "20321"; // 軽井沢町: no other test of this class's databases uses it
    private readonly OwnedResources _owned = new();
    private readonly ClosedPort _nobody = new();
    private StandInOidcProvider _provider = null!;
    private ServiceUnderTest _plan = null!;
    private ServiceUnderTest _gateway = null!;

    private static readonly TokenRequest Admin = new("oidc-admin", Municipality, [KyodoRoles.Admin]);

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var virtualHost = _owned.Own(await TestVirtualHost.CreateAsync(infrastructure, "oidc"));
        var database = _owned.Own(await TestDatabase.CreateAsync(infrastructure, "oidc_plan"));
        _provider = _owned.Own(await StandInOidcProvider.StartAsync());

        var planSettings = ServiceSettings.For("Plan", database, virtualHost);
        foreach (var (key, value) in _provider.Settings()) planSettings[key] = value;
        _plan = _owned.Own(await ServiceUnderTest.StartAsync(PlanApp.Create, planSettings));

        var gatewaySettings = new Dictionary<string, string?>(_provider.Settings())
        {
            ["Services:Plan"] = _plan.GrpcAddress.ToString(),
            // Only plan is called here; the other backends are addresses nobody answers on.
            ["Services:Budget"] = _nobody.Url.ToString(),
            ["Services:Subsidy"] = _nobody.Url.ToString(),
            ["Services:Reporting"] = _nobody.Url.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        _gateway = _owned.Own(await ServiceUnderTest.StartAsync(GatewayApp.Create, gatewaySettings));
    }

    [Fact]
    public async Task ATokenTheAuthoritySignedIsAcceptedByTheGatewayAndByTheService()
    {
        var created =
            await new PlanService.PlanServiceClient(_gateway.ChannelAs(_provider.Mint(Admin))).CreatePlanAsync(new CreatePlanRequest
            {
                Municipality = new Kyodo.Common.V1.MunicipalityRef { Code = Municipality, Name = "軽井沢町" },
                Name = "軽井沢町協働のまちづくり計画", StartFiscalYear = "R3", EndFiscalYear = "R7",
            });

        // Straight to the service too: it checks the token itself, against the same provider.
        var read = await new PlanService.PlanServiceClient(
            _plan.ChannelAs(_provider.Mint(Admin with { Subject = "oidc-viewer", Roles = [KyodoRoles.Viewer] })))
            .GetPlanAsync(new GetPlanRequest { Id = created.Plan.Id });
        Assert.Equal(("軽井沢町協働のまちづくり計画", 2021, 2025), (read.Plan.Name, read.Plan.StartFiscalYear, read.Plan.EndFiscalYear));
        var listed = await new PlanService.PlanServiceClient(_gateway.ChannelAs(_provider.Mint(Admin))).ListPlansAsync(
            new ListPlansRequest { MunicipalityCode = Municipality });
        Assert.Equal([created.Plan.Id], listed.Plans.Select(p => p.Id));
    }

    [Fact]
    public async Task TokensTheAuthorityDidNotSignAreRefusedAtTheGatewayAndAtTheServiceAndChangeNothing()
    {
        var refused = new Dictionary<string, string>
        {
            ["signed with a key the provider never published"] = _provider.MintWithAnotherKey(Admin),
            ["the local development key's token"] = TestAuth.Mint(Admin),
            ["another issuer"] = _provider.Mint(Admin with { Issuer = "https://evil.example.invalid" }),
            ["another audience"] = _provider.Mint(Admin with { Audience = "someone-else" }),
            ["expired"] = _provider.Mint(Admin with { NotBefore = DateTime.UtcNow.AddHours(-2), Lifetime = TimeSpan.FromHours(1) }),
        };
        foreach (var (why, token) in refused)
            foreach (var (hop, target) in new[] { ("gateway", _gateway), ("plan service", _plan) })
            {
                var ex = await Assert.ThrowsAsync<RpcException>(
                    () => new PlanService.PlanServiceClient(target.ChannelAs(token)).CreatePlanAsync(new CreatePlanRequest
                    {
                        Municipality = new Kyodo.Common.V1.MunicipalityRef { Code = Municipality, Name = "軽井沢町" },
                        Name = $"偽の計画 {why}", StartFiscalYear = "R3", EndFiscalYear = "R7",
                    }).ResponseAsync);
                Assert.True(ex.StatusCode == StatusCode.Unauthenticated, $"{why} at the {hop}: {ex.Status}");
            }

        var plans = await new PlanService.PlanServiceClient(_plan.ChannelAs(_provider.Mint(Admin))).ListPlansAsync(
            new ListPlansRequest { MunicipalityCode = Municipality });
        Assert.DoesNotContain(plans.Plans, p => p.Name.StartsWith("偽の計画"));
    }

    public async Task DisposeAsync()
    {
        await _owned.DisposeAsync();
        _nobody.Dispose();
    }
}
