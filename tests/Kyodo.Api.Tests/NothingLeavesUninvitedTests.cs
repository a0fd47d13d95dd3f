using System.Net;
using Kyodo.Plan;
using Kyodo.Plan.V1;
using Kyodo.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.Api.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    // Runs after the parallel tests, on its own: the listener and proxy below see the whole process.
    public const string Name = "alone: outbound connections";
}

// A city system sends nothing out of its network unless an operator asks: a
// service started and used here tries to reach only its PostgreSQL, its RabbitMQ and the caller's
// loopback ports; HTTP to anywhere else goes to a proxy that refuses and records it.
[Collection(AloneCollection.Name)]
public sealed class NothingLeavesUninvitedTests
{
    [Fact]
    public async Task APlanServiceStartedWrittenToAndStoppedAttemptsNoConnectionButToItsDatabaseAndBroker()
    {
        var (connects, lookups, proxied, allowed) = await RunPlanServiceAsync(usageTelemetry: false);

        Assert.Empty(proxied);
        Assert.All(lookups, host => Assert.Contains(host, new[] { "localhost", "127.0.0.1" }));
        var elsewhere = connects.Where(c => !allowed.Contains(c)).ToList();
        Assert.True(elsewhere.Count == 0, "connections attempted elsewhere: " + string.Join(", ", elsewhere));
    }

    [Fact]
    public async Task MassTransitsUsageReportWhenAnOperatorTurnsItOnIsCaughtByTheRefusingProxy()
    {
        // The check above can fail: with usage telemetry on (and reported at stop, not after 5 minutes)
        // the same run asks the proxy for MassTransit's host, and nothing reaches it.
        var (_, _, proxied, _) = await RunPlanServiceAsync(usageTelemetry: true);
        Assert.Contains(proxied, request => request.Contains("masstransit", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<(IPEndPoint[] Connects, string[] Lookups, string[] Proxied, HashSet<IPEndPoint> Allowed)> RunPlanServiceAsync(
        bool usageTelemetry)
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        await using var database = await TestDatabase.CreateAsync(infrastructure, "outbound_plan");
        await using var virtualHost = await TestVirtualHost.CreateAsync(infrastructure, "outbound");
        var settings = ServiceSettings.For("Plan", database, virtualHost);
        settings["Messaging:UsageTelemetry"] = usageTelemetry ? "true" : "false";

        await using var proxy = new RefusingProxy();
        var defaultProxy = HttpClient.DefaultProxy;
        HttpClient.DefaultProxy = new WebProxy($"http://127.0.0.1:{proxy.Port}") { BypassProxyOnLocal = true };
        using var outbound = new OutboundConnections();
        HashSet<IPEndPoint> allowed;
        try
        {
            var service = await ServiceUnderTest.StartAsync(PlanApp.Create, settings, configure: builder =>
                builder.Services.AddOptions<UsageTelemetryOptions>().PostConfigure(o => o.ReportOnShutdown = true));
            await using (service)
            {
                var plans = new PlanService.PlanServiceClient(service.Channel);
                await plans.CreatePlanAsync(new CreatePlanRequest
                {
                    Municipality = new Kyodo.Common.V1.MunicipalityRef { Code = "99017", Name = "外部通信試験市" },
                    Name = "外に出ない計画", StartFiscalYear = "2020", EndFiscalYear = "2021",
                });
                await Task.Delay(TimeSpan.FromSeconds(1)); // the relay publishes the PlanCreated
                allowed =
                [
                    .. Loopback(infrastructure.PostgresPort), .. Loopback(infrastructure.RabbitPort),
                    .. Loopback(infrastructure.RabbitManagementPort),
                    .. Loopback(service.GrpcAddress.Port), .. Loopback(service.HealthAddress.Port), .. Loopback(service.RestAddress.Port),
                    .. Loopback(proxy.Port),
                ];
            }
        }
        finally
        {
            HttpClient.DefaultProxy = defaultProxy;
        }
        return (outbound.Connects.ToArray(), outbound.Lookups.ToArray(), proxy.Requests.ToArray(), allowed);
    }

    private static IPEndPoint[] Loopback(int port) =>
        [new(IPAddress.Loopback, port), new(IPAddress.IPv6Loopback, port), new(IPAddress.Parse("::ffff:127.0.0.1"), port)];
}
