using System.Net;
using System.Net.Http.Json;
using System.Text;
using Google.Protobuf;
using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Reporting.V1;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;

namespace Kyodo.Gateway.Tests;

/// <summary>REST (JSON transcoding, REST port) and gRPC through the one gateway give the same data.</summary>
public sealed partial class RestAndGrpcTests(GatewayFixture system) : IClassFixture<GatewayFixture>
{
    private const string Yamaguchi = "35203";
    private readonly string _token = TestAuth.SystemToken();
    private PlanService.PlanServiceClient Plans => new(system.Gateway.App.Channel);
    private BudgetService.BudgetServiceClient Budgets => new(system.Gateway.App.Channel);

    /// <summary>The message a REST answer carries (it must be 200); disposes the answer, which callers pass straight from the
    /// call.</summary>
    private static async Task<T> ReadAsync<T>(HttpResponseMessage response) where T : IMessage<T>, new()
    {
        using var _ = response;
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {json}");
        return new MessageParser<T>(() => new T()).ParseJson(json);
    }

    private async Task<(Kyodo.Plan.V1.Plan Plan, Item Item)> CreatePlanWithItemAsync(string municipality = Yamaguchi)
    {
        var plan = (await Plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = municipality, Name = "山口市" },
            Name = $"山口市協働推進プラン {Guid.NewGuid():N}", StartFiscalYear = "平成20年度", EndFiscalYear = "H24",
        })).Plan;
        var node = (await Plans.CreateNodeAsync(
            new CreateNodeRequest { PlanId = plan.Id, LevelName = "施策", Code = "1", Title = "協働の担い手づくり" })).Node;
        var item = (await Plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id,
            Fields = new ItemFields { Title = "市民活動支援センターの運営", Departments = { "協働推進課" } },
            Placements = { new PlacementInput { NodeId = node.Id, Primary = true } },
        })).Item;
        return (plan, item);
    }

    [Fact]
    public async Task ReadsGiveTheSameMessageOverRestAndGrpc()
    {
        var (plan, item) = await CreatePlanWithItemAsync();
        var line = (await Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = Yamaguchi, ItemId = item.Id, FiscalYear = 2008,
            Funding = new FundingBreakdown { CostYen = 7_320_000, OtherYen = 347_000, GeneralRevenueYen = 6_973_000 },
        })).Line;
        using var http = system.Gateway.Rest(_token);

        Assert.Equal(await Plans.GetPlanAsync(new GetPlanRequest { Id = plan.Id }),
            await ReadAsync<GetPlanResponse>(await http.GetAsync($"/plan/v1/plans/{plan.Id}")));
        Assert.Equal(await Plans.GetItemAsync(new GetItemRequest { Id = item.Id }),
            await ReadAsync<GetItemResponse>(await http.GetAsync($"/plan/v1/items/{item.Id}")));
        Assert.Equal(
            await Plans.ListItemsAsync(
                new ListItemsRequest { MunicipalityCode = Yamaguchi, PlanId = plan.Id, Page = new PageRequest { PageSize = 10 } }),
            await ReadAsync<ListItemsResponse>(
                await http.GetAsync($"/plan/v1/items?municipalityCode=35203&planId={plan.Id}&page.pageSize=10")));
        Assert.Equal(await Plans.ListNodesAsync(new ListNodesRequest { PlanId = plan.Id }),
            await ReadAsync<ListNodesResponse>(await http.GetAsync($"/plan/v1/plans/{plan.Id}/nodes")));
        Assert.Equal(await Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id }),
            await ReadAsync<GetBudgetLineResponse>(await http.GetAsync($"/budget/v1/lines/{line.Id}")));
        // The values themselves, from the request above (not from either answer).
        var overRest = await ReadAsync<GetBudgetLineResponse>(await http.GetAsync($"/budget/v1/lines/{line.Id}"));
        Assert.Equal((2008, 7_320_000L, 6_973_000L),
            (overRest.Line.FiscalYear, overRest.Line.Funding.CostYen, overRest.Line.Funding.GeneralRevenueYen));
    }

    [Fact]
    public async Task AWriteOverRestIsReadBackOverGrpc()
    {
        using var http = system.Gateway.Rest(_token);
        var body = """{"municipality":{"code":"35203","name":"山口市"},"name":"REST で作った計画","startFiscalYear":"令和2年度","endFiscalYear":"R6"}""";

        var created = await ReadAsync<CreatePlanResponse>(
            await http.PostAsync("/plan/v1/plans", new StringContent(body, Encoding.UTF8, "application/json")));

        var read = (await Plans.GetPlanAsync(new GetPlanRequest { Id = created.Plan.Id })).Plan;
        Assert.Equal(("REST で作った計画", 2020, 2024, Yamaguchi), (read.Name, read.StartFiscalYear, read.EndFiscalYear, read.MunicipalityCode));
    }

    [Fact]
    public async Task RestErrorsCarryTheServicesStatus()
    {
        using var http = system.Gateway.Rest(_token);

        using var missing = await http.GetAsync($"/plan/v1/plans/{Guid.NewGuid()}");
        using var invalid = await http.PostAsync("/plan/v1/plans", JsonContent.Create(new { name = "" }));

        Assert.True(missing.StatusCode == HttpStatusCode.NotFound,
            $"{(int)missing.StatusCode}: {await missing.Content.ReadAsStringAsync()}");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("ResourceInfo", await missing.Content.ReadAsStringAsync());
        var problem = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("\"code\":3", problem); // INVALID_ARGUMENT, with the google.rpc.BadRequest naming the fields
        Assert.Contains("fieldViolations", problem);
    }
}
