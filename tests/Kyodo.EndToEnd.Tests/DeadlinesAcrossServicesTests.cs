using System.Net;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;

namespace Kyodo.EndToEnd.Tests;

// A caller's deadline, gRPC or REST (its grpc-timeout, else the gateway's default), reaches the
// second hop of a chain: the stalled dependency sees the caller's deadline, not the hop's own
// minute, and the call ends there with DEADLINE_EXCEEDED (HTTP 504).
public sealed class DeadlinesAcrossServicesTests(HopsFixture system) : IClassFixture<HopsFixture>
{
    private const string City = "99601";

    private static string NewCaller() => TestAuth.SystemTokenAs($"deadline-{Guid.NewGuid():N}");

    private static CreateBudgetLineRequest LineOfAnItem() => new()
    {
        MunicipalityCode = City, ItemId = Guid.NewGuid().ToString(), FiscalYear = 2024,
        Funding = new FundingBreakdown { CostYen = 100_000, GeneralRevenueYen = 100_000 },
    };

    /// <summary>The one call a probe saw from <paramref name="token"/> to <paramref name="method"/>.</summary>
    private static BackendCallProbe.SeenCall SeenBy(BackendCallProbe probe, string token, string method) =>
        Assert.Single(probe.Calls, c => c.Authorization == "Bearer " + token && c.Method == method);

    /// <summary>
    /// The deadline the second hop saw is the caller's: no earlier than the caller set it (sent +
    /// timeout), and no more than the timeout after the hop received the call (the time left can
    /// only shrink on the way). A hop's own minute would be far outside.
    /// </summary>
    private static void AssertCallersDeadline(BackendCallProbe.SeenCall seen, DateTime sent, TimeSpan timeout)
    {
        var tolerance = TimeSpan.FromMilliseconds(50); // grpc-timeout is sent in whole milliseconds
        Assert.True(seen.Deadline != DateTime.MaxValue, "the second hop saw no deadline");
        Assert.InRange(seen.Deadline, sent + timeout - tolerance, seen.ReceivedAt + timeout + tolerance);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> RestAsync(string token, HttpMethod method, string path, object body, string? grpcTimeout)
    {
        using var http = new HttpClient { BaseAddress = system.Gateway.RestAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", token);
        if (grpcTimeout is not null) request.Headers.Add("grpc-timeout", grpcTimeout);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task AGrpcCallersDeadlineReachesThePlanServiceBehindTheBudgetService()
    {
        var token = NewCaller();
        system.PlanProbe.Stall(token);
        var budgets = new BudgetService.BudgetServiceClient(system.Gateway.ChannelAs(token));
        var timeout = TimeSpan.FromSeconds(2);
        var sent = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<RpcException>(() => budgets.CreateBudgetLineAsync(LineOfAnItem(), deadline: sent + timeout).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        AssertCallersDeadline(SeenBy(system.BudgetProbe, token, "/kyodo.budget.v1.BudgetService/CreateBudgetLine"), sent, timeout);
        AssertCallersDeadline(SeenBy(system.PlanProbe, token, "/kyodo.plan.v1.PlanService/GetItem"), sent, timeout);
        Assert.Empty((await new BudgetService.BudgetServiceClient(system.Gateway.Channel).ListBudgetLinesAsync(new ListBudgetLinesRequest { MunicipalityCode = City })).Lines);
    }

    [Fact]
    public async Task ARestCallWithoutADeadlineCarriesTheGatewaysDefaultToThePlanServiceAndEndsWith504()
    {
        var token = NewCaller();
        system.PlanProbe.Stall(token);
        var sent = DateTime.UtcNow;

        var (status, body) = await RestAsync(token, HttpMethod.Post, "/budget/v1/lines",
            new { municipalityCode = City, itemId = Guid.NewGuid(), fiscalYear = 2024, funding = new { costYen = "100000", generalRevenueYen = "100000" } }, grpcTimeout: null);

        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.Equal(4, body.GetProperty("code").GetInt32()); // DEADLINE_EXCEEDED
        AssertCallersDeadline(SeenBy(system.PlanProbe, token, "/kyodo.plan.v1.PlanService/GetItem"), sent, HopsFixture.GatewayDefaultDeadline);
    }

    [Fact]
    public async Task ARestCallersOwnGrpcTimeoutReachesThePlanServiceAndEndsWith504()
    {
        var token = NewCaller();
        system.PlanProbe.Stall(token);
        var sent = DateTime.UtcNow;

        var (status, body) = await RestAsync(token, HttpMethod.Post, "/budget/v1/lines",
            new { municipalityCode = City, itemId = Guid.NewGuid(), fiscalYear = 2024, funding = new { costYen = "100000", generalRevenueYen = "100000" } }, grpcTimeout: "1500m");

        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.Equal(4, body.GetProperty("code").GetInt32());
        AssertCallersDeadline(SeenBy(system.PlanProbe, token, "/kyodo.plan.v1.PlanService/GetItem"), sent, TimeSpan.FromMilliseconds(1500));
    }

    [Theory]
    [InlineData("gRPC")]
    [InlineData("REST")]
    public async Task ACallersDeadlineReachesTheBudgetServiceBehindTheSubsidyService(string protocol)
    {
        var program = (await new SubsidyService.SubsidyServiceClient(system.Gateway.Channel).CreateProgramAsync(new CreateProgramRequest
        { MunicipalityCode = City, Name = $"わがまち応援事業 {Guid.NewGuid():N}" })).Program;
        var token = NewCaller();
        system.BudgetProbe.Stall(token);
        var timeout = TimeSpan.FromSeconds(2);
        var sent = DateTime.UtcNow;
        var link = new SetProgramBudgetLineRequest { ProgramId = program.Id, FiscalYear = 2024, BudgetLineId = Guid.NewGuid().ToString() };

        if (protocol == "gRPC")
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => new SubsidyService.SubsidyServiceClient(system.Gateway.ChannelAs(token))
                .SetProgramBudgetLineAsync(link, deadline: sent + timeout).ResponseAsync);
            Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        }
        else
        {
            var (status, body) = await RestAsync(token, HttpMethod.Put, $"/subsidy/v1/programs/{program.Id}/budget-lines/2024",
                new { budgetLineId = link.BudgetLineId }, grpcTimeout: "2S");
            Assert.Equal(HttpStatusCode.GatewayTimeout, status);
            Assert.Equal(4, body.GetProperty("code").GetInt32());
        }

        AssertCallersDeadline(SeenBy(system.BudgetProbe, token, "/kyodo.budget.v1.BudgetService/GetBudgetLine"), sent, timeout);
        var stored = (await new SubsidyService.SubsidyServiceClient(system.Gateway.Channel).GetProgramAsync(new GetProgramRequest { Id = program.Id })).Program;
        Assert.Empty(stored.BudgetLines);
    }
}
