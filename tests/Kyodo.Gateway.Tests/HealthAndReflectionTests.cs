using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Kyodo.Testing;

namespace Kyodo.Gateway.Tests;

/// <summary>Operators' gRPC health (no token) and reflection (with a token) through the gateway.</summary>
public sealed class HealthAndReflectionTests(GatewayFixture system) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task HealthAnswersWithoutATokenForTheGatewayAndPerService()
    {
        // A gateway whose subsidy backend is a closed port.
        using var nobody = new ClosedPort();
        await using var withoutSubsidy = await system.StartGatewayAsync(new() { ["Services:Subsidy"] = nobody.Url.ToString() });
        var health = new Health.HealthClient(withoutSubsidy.BareChannel);

        var gateway = await health.CheckAsync(new HealthCheckRequest());
        var plan = await health.CheckAsync(new HealthCheckRequest { Service = "kyodo.plan.v1.PlanService" });
        var budget = await health.CheckAsync(new HealthCheckRequest { Service = "kyodo.budget.v1.BudgetService" });
        var subsidy = await health.CheckAsync(new HealthCheckRequest { Service = "kyodo.subsidy.v1.SubsidyService" });
        var unknown = await Assert.ThrowsAsync<RpcException>(
            () => health.CheckAsync(new HealthCheckRequest { Service = "kyodo.nothing.v1.Nothing" }).ResponseAsync);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, gateway.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, plan.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, budget.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, subsidy.Status);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task HealthRefusesAMessageOver64KiBEvenWhenItArrivesCompressed()
    {
        // Health answers without a token, so what it reads is bounded: 64 KiB, a compressed message inflated.
        var health = new Health.HealthClient(system.Gateway.BareChannel);
        var gzip = new Metadata { { "grpc-internal-encoding-request", "gzip" } };
        var large = new HealthCheckRequest { Service = new string('x', GatewayApp.OwnServicesMaxMessageBytes + 1) };
        var bomb = new HealthCheckRequest { Service = new string('x', 1_000_000) }; // a few kilobytes compressed

        var compressed = await Assert.ThrowsAsync<RpcException>(() => health.CheckAsync(bomb, gzip).ResponseAsync);
        var tooLarge = await Assert.ThrowsAsync<RpcException>(() => health.CheckAsync(large).ResponseAsync);
        // A small compressed request is read and answered: compression itself is not what is refused.
        var small = await health.CheckAsync(new HealthCheckRequest { Service = "kyodo.plan.v1.PlanService" }, gzip);

        Assert.Equal(StatusCode.ResourceExhausted, tooLarge.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, compressed.StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, small.Status);
    }

    [Fact]
    public async Task ReflectionListsEveryKyodoServiceToACallerWithAToken()
    {
        var names = await ListServicesAsync(RunningGateway.Bearer(TestAuth.SystemToken()));

        Assert.Superset(new HashSet<string>
        {
            "kyodo.plan.v1.PlanService", "kyodo.budget.v1.BudgetService", "kyodo.subsidy.v1.SubsidyService",
            "kyodo.reporting.v1.ReportingService", "grpc.health.v1.Health",
        }, names.ToHashSet());
    }

    [Fact]
    public async Task ReflectionWithoutATokenIsUnauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => ListServicesAsync(new Metadata()));
        Assert.True(error.StatusCode == StatusCode.Unauthenticated, error.Status.ToString());
    }

    [Fact]
    public async Task ReflectionDescribesAServicesMethodsFromItsFile()
    {
        var reflection = new ServerReflection.ServerReflectionClient(system.Gateway.BareChannel);
        using var call = reflection.ServerReflectionInfo(RunningGateway.Bearer(TestAuth.SystemToken()));
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "kyodo.plan.v1.PlanService" });
        await call.RequestStream.CompleteAsync();

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes)).ToList();
        var service = files.SelectMany(f => f.Service).Single(s => s.Name == "PlanService");
        Assert.Contains(service.Method, m => m.Name == "GetPlan");
    }

    private async Task<List<string>> ListServicesAsync(Metadata headers)
    {
        var reflection = new ServerReflection.ServerReflectionClient(system.Gateway.BareChannel);
        using var call = reflection.ServerReflectionInfo(headers);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        var names = new List<string>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
            names.AddRange(call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name));
        return names;
    }
}
