using System.Net;
using System.Text;
using System.Text.Json;
using Kyodo.Budget;
using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Gateway;
using Kyodo.Plan;
using Kyodo.Plan.V1;
using Kyodo.Subsidy;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;
using Microsoft.AspNetCore.Builder;
using Npgsql;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// The chains of synchronous hops: gateway → budget → plan and gateway → subsidy → budget, each
/// service with a probe that records the deadline each call arrived with and can stall a
/// caller's calls (a dependency that does not answer). The services' own per-hop timeouts are a
/// minute, so a deadline seen at the second hop can only be the caller's (or the gateway's 10 s
/// default), never the hop's. Every chain has carried one call, gRPC and REST, before a test
/// starts, so a test's deadline is not spent on the first connections and JIT of a cold path.
/// </summary>
public sealed class HopsFixture : IAsyncLifetime
{
    public static readonly TimeSpan GatewayDefaultDeadline = TimeSpan.FromSeconds(10);
    private const string WarmUpCity = "99609";
    private readonly OwnedResources _owned = new();
    // Where reporting calls would go (none do here): held for the fixture's life, so nothing answers there.
    private readonly ClosedPort _nobody = new();

    public BackendCallProbe PlanProbe { get; } = new();
    public BackendCallProbe BudgetProbe { get; } = new();
    public BackendCallProbe SubsidyProbe { get; } = new();
    public ServiceUnderTest Gateway { get; private set; } = null!;
    private readonly Dictionary<string, TestDatabase> _databases = [];

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var virtualHost = _owned.Own(await TestVirtualHost.CreateAsync(infrastructure, "hops"));

        async Task<ServiceUnderTest> StartAsync(string name, Func<string[], Action<WebApplicationBuilder>?, WebApplication> create,
            BackendCallProbe probe, Dictionary<string, string?>? extra = null)
        {
            var database = _owned.Own(await TestDatabase.CreateAsync(infrastructure, "hops_" + name.ToLowerInvariant()));
            _databases[name] = database;
            var settings = ServiceSettings.For(name, database, virtualHost);
            foreach (var (key, value) in extra ?? []) settings[key] = value;
            return _owned.Own(await ServiceUnderTest.StartAsync(create, settings, configure: probe.Install));
        }

        var plan = await StartAsync("Plan", PlanApp.Create, PlanProbe);
        var budget = await StartAsync("Budget", BudgetApp.Create, BudgetProbe, new()
        {
            ["Services:Plan"] = plan.GrpcAddress.ToString(),
            ["PlanService:Timeout"] = "00:01:00",
        });
        var subsidy = await StartAsync("Subsidy", SubsidyApp.Create, SubsidyProbe, new()
        {
            ["Services:Budget"] = budget.GrpcAddress.ToString(),
            ["BudgetService:Timeout"] = "00:01:00",
        });
        Gateway = _owned.Own(await ServiceUnderTest.StartAsync(GatewayApp.Create, new Dictionary<string, string?>(TestAuth.Settings)
        {
            ["Services:Plan"] = plan.GrpcAddress.ToString(),
            ["Services:Budget"] = budget.GrpcAddress.ToString(),
            ["Services:Subsidy"] = subsidy.GrpcAddress.ToString(),
            ["Services:Reporting"] = _nobody.Url.ToString(),
            ["Gateway:DefaultDeadline"] = GatewayDefaultDeadline.ToString(),
            ["Gateway:RateLimit:RequestsPerSecond"] = "100000",
            ["Gateway:RateLimit:Burst"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await WarmUpAsync();
    }

    /// <summary>A new item of <paramref name="municipality"/> (in a plan of its own), which budget lines may be of.</summary>
    public async Task<Item> ItemAsync(string municipality)
    {
        var plans = new PlanService.PlanServiceClient(Gateway.Channel);
        var plan = (await plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = municipality, Name = "期限市" },
            Name = $"期限の計画 {Guid.NewGuid():N}", StartFiscalYear = "2023", EndFiscalYear = "2026",
        })).Plan;
        var node =
            (await plans.CreateNodeAsync(new CreateNodeRequest { PlanId = plan.Id, LevelName = "施策", Code = "1", Title = "協働" })).Node;
        return (await plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id, Fields = new ItemFields { Title = "市民活動支援事業", Departments = { "協働推進課" } },
            Placements = { new PlacementInput { NodeId = node.Id, Primary = true } },
        })).Item;
    }

    /// <summary>
    /// Budget forgets <paramref name="item"/> once it has learned it from plan's events, so its next
    /// decision about the item asks plan (the synchronous call left, for an item it has not seen).
    /// </summary>
    public Task ForgetItemInBudgetAsync(Item item) => ForgetAsync("Budget", "plan_item_facts", "item_id", item.Id);

    /// <summary>Subsidy forgets <paramref name="line"/> once it has learned it from budget's events, so it asks budget next.</summary>
    public Task ForgetLineInSubsidyAsync(BudgetLine line) => ForgetAsync("Subsidy", "budget_line_facts", "line_id", line.Id);

    private async Task ForgetAsync(string service, string table, string keyColumn, string id)
    {
        await using var connection = new NpgsqlConnection(_databases[service].ConnectionString);
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            await using var delete = new NpgsqlCommand($"DELETE FROM {table} WHERE {keyColumn} = @id", connection);
            delete.Parameters.AddWithValue("id", Guid.Parse(id));
            if (await delete.ExecuteNonQueryAsync() == 1) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{service} never recorded {id} in {table}");
            await Task.Delay(50);
        }
    }

    /// <summary>A REST call through the gateway carrying <paramref name="token"/> and, when given, a grpc-timeout header.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> RestAsync(string token, HttpMethod method, string path, object body,
        string? grpcTimeout)
    {
        using var http = new HttpClient { BaseAddress = Gateway.RestAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(method,
            path)
        { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", token);
        if (grpcTimeout is not null) request.Headers.Add("grpc-timeout", grpcTimeout);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>One successful call down each chain, over gRPC and over REST: gateway → budget → plan, gateway → subsidy →
    /// budget.</summary>
    private async Task WarmUpAsync()
    {
        var token = TestAuth.SystemToken();
        var item = await ItemAsync(WarmUpCity);
        var line2024 = (await new BudgetService.BudgetServiceClient(Gateway.Channel).CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = WarmUpCity, ItemId = item.Id, FiscalYear = 2024,
            Funding = new FundingBreakdown { CostYen = 100_000, GeneralRevenueYen = 100_000 },
        })).Line;
        var (status, body) = await RestAsync(token, HttpMethod.Post, "/budget/v1/lines",
            new
            {
                municipalityCode = WarmUpCity, itemId = item.Id, fiscalYear = 2025,
                funding = new { costYen = "100000", generalRevenueYen = "100000" }
            }, "60S");
        if (status != HttpStatusCode.OK) throw new InvalidOperationException($"warming REST → budget → plan answered {status}: {body}");
        var line2025 = body.GetProperty("line").GetProperty("id").GetString();

        var subsidies = new SubsidyService.SubsidyServiceClient(Gateway.Channel);
        var program =
            (await subsidies.CreateProgramAsync(new CreateProgramRequest { MunicipalityCode = WarmUpCity, Name = "暖機補助金" })).Program;
        await subsidies.SetProgramBudgetLineAsync(
            new SetProgramBudgetLineRequest { ProgramId = program.Id, FiscalYear = 2024, BudgetLineId = line2024.Id });
        (status, body) = await RestAsync(token, HttpMethod.Put, $"/subsidy/v1/programs/{program.Id}/budget-lines/2025",
            new { budgetLineId = line2025 }, "60S");
        if (status != HttpStatusCode.OK) throw new InvalidOperationException($"warming REST → subsidy → budget answered {status}: {body}");
    }

    public async Task DisposeAsync()
    {
        await _owned.DisposeAsync();
        _nobody.Dispose();
    }
}
