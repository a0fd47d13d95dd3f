using Grpc.Core;
using Kyodo.Plan.V1;
using Kyodo.Testing;

namespace Kyodo.Plan.Tests;

/// <summary>A service without its database or broker says which, keeps retrying and reports not-ready; it never half-serves.</summary>
public sealed class MissingDependencyTests
{
    [Fact]
    public async Task WithoutItsDatabaseTheServiceIsAliveButNotReadyLogsWhereItLookedAndAnswersUnavailable()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        await using var virtualHost = await TestVirtualHost.CreateAsync(infrastructure, "plan-nodb");
        await using var database = await TestDatabase.CreateAsync(infrastructure, "plan_nodb");
        using var noDatabase = new ClosedPort();
        var deadPort = noDatabase.Port;
        var settings = ServiceSettings.For("Plan", database, virtualHost);
        settings["ConnectionStrings:Plan"] = $"Host=127.0.0.1;Port={deadPort};Database=kyodo_plan;Username=kyodo;Password=kyodo;Timeout=2";
        var logs = new CapturedLogs();

        await using var service =
            await ServiceUnderTest.StartAsync(PlanApp.Create, settings, waitUntilReady: false, configure: logs.AttachTo);

        var line = await logs.WaitForAsync(l => l.Contains("Cannot reach PostgreSQL"), TimeSpan.FromSeconds(30));
        Assert.Contains($"127.0.0.1:{deadPort}", line);
        Assert.Equal(200, (await service.GetHealthAsync("/healthz")).Status);
        var ready = await service.GetHealthAsync("/readyz");
        Assert.Equal(503, ready.Status);
        Assert.Contains("\"database\":{\"status\":\"Unhealthy\"", ready.Body);

        var client = new PlanService.PlanServiceClient(service.Channel);
        var ex = await RpcAssert.FailsWith(StatusCode.Unavailable,
            () => client.GetPlanAsync(new GetPlanRequest { Id = Guid.NewGuid().ToString() }).ResponseAsync);
        Assert.Contains("database is not ready", ex.Status.Detail);

        // It keeps retrying rather than giving up.
        await logs.WaitForAsync(l => l.Contains("Cannot reach PostgreSQL") && l != line, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task WithoutItsBrokerTheServiceIsNotReadyAndTheBusCheckSaysSo()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        await using var virtualHost = await TestVirtualHost.CreateAsync(infrastructure, "plan-nomq");
        await using var database = await TestDatabase.CreateAsync(infrastructure, "plan_nomq");
        using var noBroker = new ClosedPort();
        var settings = ServiceSettings.For("Plan", database, virtualHost, rabbitPort: noBroker.Port);

        await using var service = await ServiceUnderTest.StartAsync(PlanApp.Create, settings, waitUntilReady: false);

        // Wait for the database to become ready, so only the broker can be the reason.
        const string databaseHealthy = "\"database\":{\"status\":\"Healthy\"";
        var ready = await service.GetHealthAsync("/readyz");
        for (var deadline = DateTime.UtcNow.AddSeconds(60); !ready.Body.Contains(databaseHealthy) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(200);
            ready = await service.GetHealthAsync("/readyz");
        }
        Assert.Contains(databaseHealthy, ready.Body);
        Assert.Equal(503, ready.Status);
        Assert.Contains("\"masstransit-bus\":{\"status\":\"Unhealthy\"", ready.Body);
    }
}
