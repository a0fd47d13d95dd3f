using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Tests;

public sealed class PlanDependencyTests(BudgetSystemFixture system) : IClassFixture<BudgetSystemFixture>
{
    [Fact]
    public async Task AnItemThePlanServiceDoesNotKnowOrThatBelongsToAnotherMunicipalityIsNotFound()
    {
        var ueda = await KomoroItems.CreateAsync(system.Plans, "わがまち魅力アップ応援事業", municipality: "20203");

        var missing = await RpcAssert.FailsWith(StatusCode.NotFound, () => system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = KomoroItems.Komoro, ItemId = Guid.NewGuid().ToString(), FiscalYear = 2019,
            Funding = new FundingBreakdown { CostYen = 1, GeneralRevenueYen = 1 },
        }).ResponseAsync);
        var foreign = await RpcAssert.FailsWith(StatusCode.NotFound, () => system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = KomoroItems.Komoro, ItemId = ueda.Id, FiscalYear = 2019,
            Funding = new FundingBreakdown { CostYen = 1, GeneralRevenueYen = 1 },
        }).ResponseAsync);

        Assert.Equal($"item '{ueda.Id}' was not found.", foreign.Status.Detail); // exactly like a missing one
        Assert.StartsWith("item '", missing.Status.Detail);
    }

    [Fact]
    public async Task WhenThePlanServiceCannotBeReachedCreatingALineIsUnavailableAndWritesNothing()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        await using var virtualHost = await TestVirtualHost.CreateAsync(infrastructure, "budget-noplan");
        await using var database = await TestDatabase.CreateAsync(infrastructure, "budget_noplan");
        var settings = ServiceSettings.For("Budget", database, virtualHost);
        using var noPlanService = new ClosedPort();
        settings["Services:Plan"] = $"http://127.0.0.1:{noPlanService.Port}";
        settings["PlanService:Timeout"] = "00:00:03";
        await using var budget = await ServiceUnderTest.StartAsync(BudgetApp.Create, settings);

        var ex = await RpcAssert.FailsWith(StatusCode.Unavailable,
            () => new BudgetService.BudgetServiceClient(budget.Channel).CreateBudgetLineAsync(new CreateBudgetLineRequest
            {
                MunicipalityCode = KomoroItems.Komoro, ItemId = Guid.NewGuid().ToString(), FiscalYear = 2019,
                Funding = new FundingBreakdown { CostYen = 1, GeneralRevenueYen = 1 },
            }).ResponseAsync);

        Assert.Contains("plan service", ex.Status.Detail);
        await using var db =
            new Data.BudgetDbContext(new DbContextOptionsBuilder<Data.BudgetDbContext>().UseNpgsql(database.ConnectionString).Options);
        Assert.False(await db.BudgetLines.AnyAsync());
        Assert.False(await db.Set<ServiceDefaults.Messaging.OutboxMessage>().AnyAsync());
    }
}
