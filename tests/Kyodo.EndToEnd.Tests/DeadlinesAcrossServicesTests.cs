using System.Net;
using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Plan.V1;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;

namespace Kyodo.EndToEnd.Tests;

// A caller's deadline, gRPC or REST (its grpc-timeout, else the gateway's default), reaches the
// second hop of a chain: the stalled dependency sees the caller's deadline, not the hop's own
// minute, and the call ends there with DEADLINE_EXCEEDED (HTTP 504). Each call would otherwise
// succeed (a real item, a real line), so only the deadline keeps it from writing. The second hop is
// called only about a record the first has not seen (budget and subsidy decide from what other
// services' events told them), so each test has it forget the record first. The deadlines
// are long (the stall makes each wait exactly its deadline) so that a loaded machine still reaches
// the second hop well before them.
public sealed class DeadlinesAcrossServicesTests(HopsFixture system) : IClassFixture<HopsFixture>
{
    private const string City = "99601";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static string NewCaller() => TestAuth.SystemTokenAs($"deadline-{Guid.NewGuid():N}");

    private static CreateBudgetLineRequest LineOf(Item item) => new()
    {
        MunicipalityCode = City, ItemId = item.Id, FiscalYear = 2024,
        Funding = new FundingBreakdown { CostYen = 100_000, GeneralRevenueYen = 100_000 },
    };

    private static object RestLineOf(Item item) =>
        new
        {
            municipalityCode = City, itemId = item.Id, fiscalYear = 2024,
            funding = new { costYen = "100000", generalRevenueYen = "100000" }
        };

    /// <summary>The one call a probe saw from <paramref name="token"/> to <paramref name="method"/>.</summary>
    private static BackendCallProbe.SeenCall SeenBy(BackendCallProbe probe, string token, string method) =>
        Assert.Single(probe.Calls, c => c.Authorization == "Bearer " + token && c.Method == method);

    /// <summary>
    /// The deadline the second hop saw is the caller's: no later than the caller's timeout from when
    /// the hop received the call (the time left only shrinks on the way), and no earlier than the
    /// caller set it (sent + timeout; each hop starts its clock on arrival, so it can only move later).
    /// A hop's own minute, a missing deadline or another timeout than the caller's falls outside.
    /// </summary>
    private static void AssertCallersDeadline(BackendCallProbe.SeenCall seen, DateTime sent, TimeSpan timeout)
    {
        var tolerance = TimeSpan.FromMilliseconds(50); // grpc-timeout is sent in whole milliseconds
        Assert.True(seen.Deadline != DateTime.MaxValue, "the second hop saw no deadline");
        Assert.InRange(seen.Deadline, sent + timeout - tolerance, seen.ReceivedAt + timeout + tolerance);
    }

    /// <summary>
    /// No line of <paramref name="item"/> is stored, and only the deadline kept one from it: the same
    /// line from a caller nobody stalls is created, and is then the item's one line.
    /// </summary>
    private async Task AssertOnlyTheDeadlineKeptTheLineOutAsync(Item item)
    {
        var budgets = new BudgetService.BudgetServiceClient(system.Gateway.Channel);
        var ofItem = new ListBudgetLinesRequest { MunicipalityCode = City, ItemId = item.Id };
        Assert.Empty((await budgets.ListBudgetLinesAsync(ofItem)).Lines);
        var created = (await budgets.CreateBudgetLineAsync(LineOf(item))).Line;
        Assert.Equal(created.Id, Assert.Single((await budgets.ListBudgetLinesAsync(ofItem)).Lines).Id);
    }

    [Fact]
    public async Task AGrpcCallersDeadlineReachesThePlanServiceBehindTheBudgetService()
    {
        var item = await system.ItemAsync(City);
        await system.ForgetItemInBudgetAsync(item);
        var token = NewCaller();
        system.PlanProbe.Stall(token);
        var budgets = new BudgetService.BudgetServiceClient(system.Gateway.ChannelAs(token));
        var sent = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<RpcException>(
            () => budgets.CreateBudgetLineAsync(LineOf(item), deadline: sent + Timeout).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        AssertCallersDeadline(SeenBy(system.BudgetProbe, token, "/kyodo.budget.v1.BudgetService/CreateBudgetLine"), sent, Timeout);
        AssertCallersDeadline(SeenBy(system.PlanProbe, token, "/kyodo.plan.v1.PlanService/GetItem"), sent, Timeout);
        await AssertOnlyTheDeadlineKeptTheLineOutAsync(item);
    }

    [Fact]
    public async Task ARestCallWithoutADeadlineCarriesTheGatewaysDefaultToThePlanServiceAndEndsWith504()
    {
        var item = await system.ItemAsync(City);
        await system.ForgetItemInBudgetAsync(item);
        var token = NewCaller();
        system.PlanProbe.Stall(token);
        var sent = DateTime.UtcNow;

        var (status, body) = await system.RestAsync(token, HttpMethod.Post, "/budget/v1/lines", RestLineOf(item), grpcTimeout: null);

        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.Equal(4, body.GetProperty("code").GetInt32()); // DEADLINE_EXCEEDED
        AssertCallersDeadline(SeenBy(system.PlanProbe, token, "/kyodo.plan.v1.PlanService/GetItem"), sent,
            HopsFixture.GatewayDefaultDeadline);
        await AssertOnlyTheDeadlineKeptTheLineOutAsync(item);
    }

    [Fact]
    public async Task ARestCallersOwnGrpcTimeoutReachesThePlanServiceAndEndsWith504()
    {
        var item = await system.ItemAsync(City);
        await system.ForgetItemInBudgetAsync(item);
        var token = NewCaller();
        system.PlanProbe.Stall(token);
        // Longer than the gateway's default, so a hop given the default would see a deadline before the caller's.
        var timeout = HopsFixture.GatewayDefaultDeadline + TimeSpan.FromSeconds(5);
        var sent = DateTime.UtcNow;

        var (status, body) =
            await system.RestAsync(token, HttpMethod.Post, "/budget/v1/lines", RestLineOf(item), grpcTimeout: $"{timeout.TotalSeconds}S");

        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.Equal(4, body.GetProperty("code").GetInt32());
        AssertCallersDeadline(SeenBy(system.PlanProbe, token, "/kyodo.plan.v1.PlanService/GetItem"), sent, timeout);
        await AssertOnlyTheDeadlineKeptTheLineOutAsync(item);
    }

    [Theory]
    [InlineData("gRPC")]
    [InlineData("REST")]
    public async Task ACallersDeadlineReachesTheBudgetServiceBehindTheSubsidyService(string protocol)
    {
        var line = (await new BudgetService.BudgetServiceClient(system.Gateway.Channel).CreateBudgetLineAsync(
            LineOf(await system.ItemAsync(City)))).Line;
        var subsidies = new SubsidyService.SubsidyServiceClient(system.Gateway.Channel);
        var program = (await subsidies.CreateProgramAsync(
            new CreateProgramRequest { MunicipalityCode = City, Name = $"わがまち応援事業 {Guid.NewGuid():N}" })).Program;
        await system.ForgetLineInSubsidyAsync(line);
        var token = NewCaller();
        system.BudgetProbe.Stall(token);
        var sent = DateTime.UtcNow;
        var link = new SetProgramBudgetLineRequest { ProgramId = program.Id, FiscalYear = 2024, BudgetLineId = line.Id };

        if (protocol == "gRPC")
        {
            var error =
                await Assert.ThrowsAsync<RpcException>(() => new SubsidyService.SubsidyServiceClient(system.Gateway.ChannelAs(token))
                .SetProgramBudgetLineAsync(link, deadline: sent + Timeout).ResponseAsync);
            Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        }
        else
        {
            var (status, body) = await system.RestAsync(token, HttpMethod.Put, $"/subsidy/v1/programs/{program.Id}/budget-lines/2024",
                new { budgetLineId = link.BudgetLineId }, grpcTimeout: $"{Timeout.TotalSeconds}S");
            Assert.Equal(HttpStatusCode.GatewayTimeout, status);
            Assert.Equal(4, body.GetProperty("code").GetInt32());
        }

        AssertCallersDeadline(SeenBy(system.BudgetProbe, token, "/kyodo.budget.v1.BudgetService/GetBudgetLine"), sent, Timeout);
        Assert.Empty((await subsidies.GetProgramAsync(new GetProgramRequest { Id = program.Id })).Program.BudgetLines);
        // Only the deadline kept the link out: a caller nobody stalls links the same line.
        var linked = (await subsidies.SetProgramBudgetLineAsync(link)).Program;
        Assert.Equal(line.Id, Assert.Single(linked.BudgetLines).BudgetLineId);
    }
}
