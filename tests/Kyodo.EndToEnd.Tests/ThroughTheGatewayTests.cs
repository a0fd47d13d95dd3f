using Grpc.Core;
using Grpc.Health.V1;
using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Reporting.V1;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;

namespace Kyodo.EndToEnd.Tests;

public sealed class ThroughTheGatewayTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private PlanService.PlanServiceClient Plans => new(system.Gateway.Channel);
    private BudgetService.BudgetServiceClient Budgets => new(system.Gateway.Channel);
    private SubsidyService.SubsidyServiceClient Subsidies => new(system.Gateway.Channel);
    private ReportingService.ReportingServiceClient Reports => new(system.Gateway.Channel);

    [Fact]
    public async Task ChangesMadeInPlanBudgetAndSubsidyReachTheReportingServiceAsEvents()
    {
        const string komoro = "20208";
        var plan = (await Plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = komoro, Name = "小諸市" },
            Name = "小諸市 実施計画",
            StartFiscalYear = "2019",
            EndFiscalYear = "2021",
        })).Plan;
        var measure = (await Plans.CreateNodeAsync(
            new CreateNodeRequest { PlanId = plan.Id, LevelName = "施策", Code = "6-1", Title = "協働によるまちづくりを推進します" })).Node;
        var item = (await Plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id,
            Fields = new ItemFields { Title = "市民活動支援事業", Departments = { "企画課" } },
            Placements = { new PlacementInput { NodeId = measure.Id, Primary = true } },
        })).Item;
        // The budget service asks the plan service (service to service, over gRPC) whether the item exists.
        var line = (await Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = komoro,
            ItemId = item.Id,
            FiscalYear = 2019,
            Funding = new FundingBreakdown { CostYen = 7_320_000, OtherYen = 347_000, GeneralRevenueYen = 6_973_000 },
        })).Line;
        var program =
            (await Subsidies.CreateProgramAsync(new CreateProgramRequest { MunicipalityCode = komoro, Name = "市民活動促進事業補助金" })).Program;

        // Each service reads back what it stored, through the gateway.
        Assert.Equal(plan.Name, (await Plans.GetPlanAsync(new GetPlanRequest { Id = plan.Id })).Plan.Name);
        Assert.Equal(7_320_000, (await Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id })).Line.Funding.CostYen);
        Assert.Equal(program.Name, (await Subsidies.GetProgramAsync(new GetProgramRequest { Id = program.Id })).Program.Name);

        // Reporting learns of all three only through the outboxes and RabbitMQ. Wait for what is
        // asserted: the counts and a freshness that reached the program, the newest change.
        var overview = await EventuallyAsync(
            () => Reports.GetMunicipalityOverviewAsync(new GetMunicipalityOverviewRequest { MunicipalityCode = komoro }).ResponseAsync,
            o => o.PlanCount == 1 && o.BudgetLineCount == 1 && o.SubsidyProgramCount == 1
                && o.AsOf is not null && o.AsOf.ToDateTimeOffset() >= program.CreatedAt.ToDateTimeOffset());
        Assert.Equal((1, 1, 7_320_000L, 1),
            (overview.PlanCount, overview.BudgetLineCount, overview.BudgetCostYen, overview.SubsidyProgramCount));
        Assert.Equal(program.CreatedAt, overview.AsOf);
    }

    [Fact]
    public async Task ErrorsKeepTheirStatusAndDetailsThroughTheGateway()
    {
        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = "20208",
            ItemId = Guid.NewGuid().ToString(),
            FiscalYear = 2019,
            Funding = new FundingBreakdown { CostYen = 100, GeneralRevenueYen = 99 },
        }).ResponseAsync);
        Assert.Contains("difference 1 yen", RpcAssert.FieldViolations(ex)["funding.cost_yen"]);

        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => Subsidies.GetProgramAsync(new GetProgramRequest { Id = Guid.NewGuid().ToString() }).ResponseAsync);
    }

    [Fact]
    public async Task AServiceThatIsDownAnswersUnavailableThroughTheGatewayRatherThanHanging()
    {
        using var noPlanService = new ClosedPort();
        await using var gateway = await system.StartGatewayAsync(noPlanService.Url);
        var plans = new PlanService.PlanServiceClient(gateway.Channel);

        // The deadline only guards against a hang: a hang would fail as DEADLINE_EXCEEDED.
        var ex = await RpcAssert.FailsWith(StatusCode.Unavailable, () => plans.GetPlanAsync(
            new GetPlanRequest { Id = Guid.NewGuid().ToString() }, deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync);
        Assert.Contains("kyodo.plan.v1.PlanService is unavailable", ex.Status.Detail);

        // The other services behind the same gateway still answer.
        await new SubsidyService.SubsidyServiceClient(gateway.Channel)
            .CreateProgramAsync(new CreateProgramRequest { MunicipalityCode = "20203", Name = "わがまち魅力アップ応援事業" });
    }

    [Fact]
    public async Task EveryServiceReportsServingOnGrpcHealth()
    {
        foreach (var service in new[] { system.Plan, system.Budget, system.Subsidy, system.Reporting })
        {
            var health = await new Health.HealthClient(service.Channel).CheckAsync(new HealthCheckRequest());
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        }
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var last = await read();
        while (!done(last) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            last = await read();
        }
        return last;
    }
}
