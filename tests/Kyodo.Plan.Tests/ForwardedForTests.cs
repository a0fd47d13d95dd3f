using Grpc.Core.Interceptors;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Testing;

namespace Kyodo.Plan.Tests;

/// <summary>The plan service with no trusted proxy but one elsewhere: the test's loopback caller is a client like any other.</summary>
public sealed class UntrustingPlanFixture : IAsyncLifetime
{
    private readonly OwnedResources _owned = new();

    public ServiceUnderTest Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var virtualHost = _owned.Own(await TestVirtualHost.CreateAsync(infrastructure, "plan_xff"));
        var settings = ServiceSettings.For("Plan", _owned.Own(await TestDatabase.CreateAsync(infrastructure, "plan_xff")), virtualHost);
        settings["ForwardedFor:TrustedProxies:0"] = "192.0.2.1"; // a gateway that is not this test
        Service = _owned.Own(await ServiceUnderTest.StartAsync(PlanApp.Create, settings));
    }

    public Task DisposeAsync() => _owned.DisposeAsync().AsTask();
}

/// <summary>The audit trail takes the client's address from X-Forwarded-For only when a trusted proxy sent it.</summary>
public sealed class ForwardedForTests(UntrustingPlanFixture fixture) : IClassFixture<UntrustingPlanFixture>
{
    [Fact]
    public async Task AClientCallingTheServiceDirectlyCannotChooseTheAddressItsAuditRowsName()
    {
        var spoofing = new PlanService.PlanServiceClient(fixture.Service.Channel.Intercept(metadata =>
        {
            metadata.Add("x-forwarded-for", "203.0.113.66");
            return metadata;
        }));

        var plan = (await spoofing.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = "35203", Name = "山口市" }, Name = $"計画 {Guid.NewGuid():N}", StartFiscalYear = "2020",
            EndFiscalYear = "2024",
        })).Plan;

        var created = Assert.Single((await spoofing.GetAuditTrailAsync(new GetAuditTrailRequest
        {
            MunicipalityCode = "35203", RecordType = "plan", RecordId = plan.Id,
        })).Entries);
        Assert.Equal(("127.0.0.1", "127.0.0.1"), (created.Actor.Address, created.Actor.PeerAddress));
    }
}
