using Kyodo.Budget;
using Kyodo.Gateway;
using Kyodo.Plan;
using Kyodo.Reporting;
using Kyodo.Subsidy;
using Kyodo.Testing;

namespace Kyodo.Cli.Tests;

/// <summary>
/// The whole system on real ports, as tests/Kyodo.EndToEnd.Tests starts it (four services with
/// fresh databases, one RabbitMQ virtual host, the gateway in front, everyone on the test Auth
/// settings), and the kyodo command run against its gateway.
/// </summary>
public sealed class KyodoSystem : IAsyncLifetime
{
    private readonly OwnedResources _owned = new();

    public ServiceUnderTest Gateway { get; private set; } = null!;

    /// <summary>The services' own gRPC addresses by the gateway's setting name (Plan, Budget, Subsidy, Reporting).</summary>
    public IReadOnlyDictionary<string, Uri> Backends { get; private set; } = null!;

    // The gateway's settings, for more gateways in front of the same services (StartGatewayAsync).
    private Dictionary<string, string?> _gatewaySettings = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var virtualHost = _owned.Own(await TestVirtualHost.CreateAsync(infrastructure, "cli"));
        async Task<ServiceUnderTest> Start(string prefix, string connection,
            Func<string[], Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>?, Microsoft.AspNetCore.Builder.WebApplication> create,
            Dictionary<string, string?>? extra = null)
        {
            var database = _owned.Own(await TestDatabase.CreateAsync(infrastructure, prefix));
            var settings = ServiceSettings.For(connection, database, virtualHost);
            foreach (var (key, value) in extra ?? []) settings[key] = value;
            return _owned.Own(await ServiceUnderTest.StartAsync(create, settings));
        }
        // Reporting first: its queues must exist before anyone publishes.
        var reporting = await Start("cli_reporting", "Reporting", ReportingApp.Create);
        var plan = await Start("cli_plan", "Plan", PlanApp.Create);
        var budget = await Start("cli_budget", "Budget", BudgetApp.Create, new() { ["Services:Plan"] = plan.GrpcAddress.ToString() });
        var subsidy =
            await Start("cli_subsidy", "Subsidy", SubsidyApp.Create, new() { ["Services:Budget"] = budget.GrpcAddress.ToString() });
        Backends = new Dictionary<string, Uri>
        {
            ["Plan"] = plan.GrpcAddress, ["Budget"] = budget.GrpcAddress, ["Subsidy"] = subsidy.GrpcAddress,
            ["Reporting"] = reporting.GrpcAddress,
        };
        _gatewaySettings = new Dictionary<string, string?>(TestAuth.Settings)
        {
            ["Services:Plan"] = plan.GrpcAddress.ToString(),
            ["Services:Budget"] = budget.GrpcAddress.ToString(),
            ["Services:Subsidy"] = subsidy.GrpcAddress.ToString(),
            ["Services:Reporting"] = reporting.GrpcAddress.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            // As ./dev up: the tests read back whole municipalities call after call from one token
            // subject (HeldState), which the production default (100/s) throttles. ThrottledImportTests
            // starts its own gateway with a tiny limit.
            ["Gateway:RateLimit:RequestsPerSecond"] = "1000",
            ["Gateway:RateLimit:Burst"] = "5000",
        };
        Gateway = _owned.Own(await ServiceUnderTest.StartAsync(GatewayApp.Create, _gatewaySettings));
    }

    /// <summary>
    /// Another gateway in front of these services with some settings changed (a tiny rate limit, a
    /// backend address nothing listens on); its own limiter, so its buckets start full. The caller disposes it.
    /// </summary>
    public Task<ServiceUnderTest> StartGatewayAsync(IReadOnlyDictionary<string, string?> changes, bool waitUntilReady = true)
    {
        var settings = new Dictionary<string, string?>(_gatewaySettings);
        foreach (var (key, value) in changes) settings[key] = value;
        return ServiceUnderTest.StartAsync(GatewayApp.Create, settings, waitUntilReady);
    }

    /// <summary>Runs kyodo against another gateway (from <see cref="StartGatewayAsync"/>) with the harness's system token.</summary>
    public static Task<CliRun> RunThroughAsync(ServiceUnderTest gateway, string[] args,
        IReadOnlyDictionary<string, string>? environment = null, Func<Grpc.Core.CallInvoker, Grpc.Core.CallInvoker>? wrapCalls = null) =>
        CliRun.RunAsync([.. args, "--gateway", gateway.GrpcAddress.ToString(), "--token", TestAuth.SystemToken()], environment, wrapCalls);

    /// <summary>Runs kyodo against this system's gateway with the harness's system token.</summary>
    public Task<CliRun> RunAsync(params string[] args) =>
        CliRun.RunAsync([.. args, "--gateway", Gateway.GrpcAddress.ToString(), "--token", TestAuth.SystemToken()]);

    public async Task DisposeAsync()
    {
        await _owned.DisposeAsync();
    }
}

/// <summary>One run of the kyodo command in this process: its exit code and what it wrote.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null,
        Func<Grpc.Core.CallInvoker, Grpc.Core.CallInvoker>? wrapCalls = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, name => environment?.GetValueOrDefault(name)) { WrapCalls = wrapCalls };
        var exit = await KyodoCli.RunAsync(args, console, CancellationToken.None);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
