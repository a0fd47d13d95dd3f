using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Tests;

// A program's link for one fiscal year spends that year's money from one department's line:
// an editor re-points it only when that department is its own too, and a link's line is always
// of the link's fiscal year. Deleting a program takes it from every department it spends for; a
// line that belongs to no department (its item is gone) is the admin's, one the budget deleted nobody's.
public sealed class ProgramLinkOwnershipTests(SubsidySystemFixture system) : IClassFixture<SubsidySystemFixture>
{
    private const string Home = "99311";

    private static FundingBreakdown Yen(long cost) => new() { CostYen = cost, GeneralRevenueYen = cost };

    /// <summary>企画課's program (FY2019 line of 企画課) whose FY2020 link spends from 財政課's line; 企画課 also has a FY2020 line of its
    /// own.</summary>
    private async Task<(KomoroSubsidy Subsidy, Guid Planning, string Own2020, string Finance2020,
        Kyodo.Subsidy.V1.Program Program)> WorldAsync()
    {
        var subsidy = await KomoroSubsidy.CreateAsync(system, 1_000_000, municipality: Home);
        var line2019 = (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = subsidy.BudgetLineId })).Line;
        var own2020 = (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        { MunicipalityCode = Home, ItemId = line2019.ItemId, FiscalYear = 2020, Funding = Yen(500_000) })).Line;

        var plan = (await system.Plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new Kyodo.Common.V1.MunicipalityRef { Code = Home, Name = "小諸市" },
            Name = $"計画 {Guid.NewGuid():N}", StartFiscalYear = "2018", EndFiscalYear = "2021",
        })).Plan;
        var node = (await system.Plans.CreateNodeAsync(
            new CreateNodeRequest { PlanId = plan.Id, LevelName = "施策", Code = "1", Title = "t" })).Node;
        var financeItem = (await system.Plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id, Fields = new ItemFields { Title = "財政事業", Departments = { "財政課" } },
            Placements = { new PlacementInput { NodeId = node.Id, Primary = true } },
        })).Item;
        var finance2020 = (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        { MunicipalityCode = Home, ItemId = financeItem.Id, FiscalYear = 2020, Funding = Yen(500_000) })).Line;
        var program = (await system.Subsidies.SetProgramBudgetLineAsync(new SetProgramBudgetLineRequest
        { ProgramId = subsidy.Program.Id, FiscalYear = 2020, BudgetLineId = finance2020.Id })).Program;
        return (subsidy, Guid.Parse(line2019.Department.Id), own2020.Id, finance2020.Id, program);
    }

    private SubsidyService.SubsidyServiceClient Editor(Guid department) =>
        new(system.Subsidy.ChannelAs(TestAuth.UserToken(Home, KyodoRoles.Editor, [department])));

    [Fact]
    public async Task AnEditorCannotRepointAnotherDepartmentsYearToItsOwnLine()
    {
        var (_, planning, own2020, finance2020, program) = await WorldAsync();

        await AccessAssert.Denied("SetProgramBudgetLine", () => Editor(planning).SetProgramBudgetLineAsync(new SetProgramBudgetLineRequest
        { ProgramId = program.Id, FiscalYear = 2020, BudgetLineId = own2020 }).ResponseAsync, "fiscal_year");

        var stored = (await system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = program.Id })).Program;
        Assert.Equal(program, stored);
        Assert.Equal(finance2020, stored.BudgetLines.Single(l => l.FiscalYear == 2020).BudgetLineId);
        // An admin may hand the year back to 企画課.
        var repointed = (await system.Subsidies.SetProgramBudgetLineAsync(new SetProgramBudgetLineRequest
        { ProgramId = program.Id, FiscalYear = 2020, BudgetLineId = own2020 })).Program;
        Assert.Equal(own2020, repointed.BudgetLines.Single(l => l.FiscalYear == 2020).BudgetLineId);
    }

    [Fact]
    public async Task ALineOfAnotherFiscalYearIsRefusedOnLinkAndImport()
    {
        var (subsidy, _, own2020, _, program) = await WorldAsync();

        var linked = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => system.Subsidies.SetProgramBudgetLineAsync(new SetProgramBudgetLineRequest
            { ProgramId = program.Id, FiscalYear = 2021, BudgetLineId = own2020 }).ResponseAsync);
        Assert.Contains("budget_line_id", RpcAssert.FieldViolations(linked).Keys);
        Assert.Equal(program, (await system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = program.Id })).Program);

        var name = $"輸入補助金 {Guid.NewGuid():N}";
        var imported =
            await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => system.Subsidies.ImportProgramAsync(new ImportProgramRequest
            {
                MunicipalityCode = Home, Name = name,
                BudgetLines = { new ProgramBudgetLine { FiscalYear = 2019, BudgetLineId = subsidy.BudgetLineId },
                new ProgramBudgetLine { FiscalYear = 2021, BudgetLineId = own2020 } },
            }).ResponseAsync);
        Assert.Contains("budget_lines[1].budget_line_id", RpcAssert.FieldViolations(imported).Keys);
        await using var db = system.OpenDatabase();
        Assert.False(await db.Programs.AnyAsync(p => p.Name == name));
    }

    [Fact]
    public async Task DeletingAProgramNeedsEveryDepartmentItSpendsFor()
    {
        var (_, planning, _, finance2020, program) = await WorldAsync();
        var finance =
            Guid.Parse((await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = finance2020 })).Line.Department.Id);
        var delete = new DeleteProgramRequest { Id = program.Id, Version = program.Version };

        // Changing the program needs one of its departments; deleting it takes it from both.
        await AccessAssert.Denied("DeleteProgram (企画課)", () => Editor(planning).DeleteProgramAsync(delete).ResponseAsync,
            finance.ToString());
        await AccessAssert.Denied("DeleteProgram (財政課)", () => Editor(finance).DeleteProgramAsync(delete).ResponseAsync,
            planning.ToString());
        Assert.Equal(program, (await system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = program.Id })).Program);

        var both = new SubsidyService.SubsidyServiceClient(
            system.Subsidy.ChannelAs(TestAuth.UserToken(Home, KyodoRoles.Editor, planning, finance)));
        await both.DeleteProgramAsync(delete);
        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = program.Id }).ResponseAsync);
        await using var db = system.OpenDatabase();
        Assert.False(await db.Programs.AnyAsync(p => p.Id == Guid.Parse(program.Id)));
    }

    [Fact]
    public async Task AnEditorMayNotDeleteAProgramSpendingFromALineWhoseItemIsGone()
    {
        var (_, planning, own2020, finance2020, program) = await WorldAsync();
        var financeItem = (await system.Plans.GetItemAsync(new GetItemRequest
        { Id = (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = finance2020 })).Line.ItemId })).Item;
        await system.Plans.DeleteItemAsync(new DeleteItemRequest { Id = financeItem.Id, Version = financeItem.Version });
        await system.ItemDeletionRecordedAsync(financeItem.Id);
        var delete = new DeleteProgramRequest { Id = program.Id, Version = program.Version };

        // The FY2020 line is still held but no department owns it now: 企画課 alone does not decide the program.
        await AccessAssert.Denied("DeleteProgram", () => Editor(planning).DeleteProgramAsync(delete).ResponseAsync, finance2020);
        // Nor may 企画課 re-point that year to its own line first and then delete the program as all its own.
        await AccessAssert.Denied("SetProgramBudgetLine", () => Editor(planning).SetProgramBudgetLineAsync(new SetProgramBudgetLineRequest
        { ProgramId = program.Id, FiscalYear = 2020, BudgetLineId = own2020 }).ResponseAsync, "fiscal_year");

        Assert.Equal(program, (await system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = program.Id })).Program);
        await using (var db = system.OpenDatabase())
            Assert.Equal([2019, 2020],
                (await db.Programs.SingleAsync(p => p.Id == Guid.Parse(program.Id))).BudgetLines.Select(l => l.FiscalYear).Order());
        // It is the admin's to delete.
        await system.Subsidies.DeleteProgramAsync(delete);
        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = program.Id }).ResponseAsync);
    }

    [Fact]
    public async Task ALineTheBudgetDeletedDecidesNothingAboutDeletingAProgram()
    {
        var (_, planning, _, finance2020, program) = await WorldAsync();
        var line = (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = finance2020 })).Line;
        await system.Budgets.DeleteBudgetLineAsync(new DeleteBudgetLineRequest { Id = line.Id, Version = line.Version });
        await system.LineDeletionRecordedAsync(line.Id);

        // The FY2020 link now spends nobody's money: 企画課, the department of every line still held, decides alone.
        await Editor(planning).DeleteProgramAsync(new DeleteProgramRequest { Id = program.Id, Version = program.Version });
        await using var db = system.OpenDatabase();
        Assert.False(await db.Programs.AnyAsync(p => p.Id == Guid.Parse(program.Id)));
    }
}
