using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;

namespace Kyodo.Budget.Tests;

/// <summary>What the reporting rebuild reads: a line as got and as listed carries the revision of its latest event.</summary>
public sealed class LineRevisionTests(BudgetSystemFixture system) : IClassFixture<BudgetSystemFixture>
{
    [Fact]
    public async Task ARevisedLineIsGotAndListedWithTheRevisionOfItsLatestEvent()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "地域コミュニティ推進事業", municipality: "20209");
        var line = (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = "20209", ItemId = item.Id, FiscalYear = 2020,
            Funding = new FundingBreakdown { CostYen = 1_000_000, GeneralRevenueYen = 1_000_000 },
        })).Line;
        await system.Budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = line.Id, Version = line.Version, Stage = BudgetStage.Supplementary, SupplementaryNumber = 1,
            Funding = new FundingBreakdown { CostYen = 1_200_000, GeneralRevenueYen = 1_200_000 },
        });

        var (revised, _) = await system.Events.WaitForAsync<BudgetLineRevised>(e => e.Line.BudgetLineId == Guid.Parse(line.Id));
        Assert.Equal(1, line.Revision);
        Assert.Equal(2, revised.Line.Revision);
        Assert.Equal(revised.Line.Revision,
            (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id })).Line.Revision);
        var listed = (await system.Budgets.ListBudgetLinesAsync(new ListBudgetLinesRequest { MunicipalityCode = "20209" })).Lines.Single(
            l => l.Id == line.Id);
        Assert.Equal(revised.Line.Revision, listed.Revision);
    }
}
