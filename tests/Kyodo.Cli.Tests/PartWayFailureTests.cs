using Kyodo.Plan.V1;
using Kyodo.Testing;

namespace Kyodo.Cli.Tests;

/// <summary>
/// A document whose import fails part-way leaves the services exactly as they were: at each
/// step of the sample's import the service it calls goes away for that one call (a real outage
/// through a TCP proxy in front of it), and everything written before is taken back. Writes that
/// change held records come last; a failure after them restores what can be restored and names
/// what stays.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PartWayFailureTests(KyodoSystem system)
{
    private async Task<(ServiceUnderTest Gateway, TcpProxy Path)> GatewayWithPathAsync(string backend)
    {
        var address = system.Backends[backend];
        var path = new TcpProxy(address.Host, address.Port);
        var gateway = await system.StartGatewayAsync(new Dictionary<string, string?> { [$"Services:{backend}"] = $"http://127.0.0.1:{path.Port}" });
        return (gateway, path);
    }

    /// <summary>Something of the municipality that the document does not touch, so "as before" is not merely "empty".</summary>
    private async Task UnrelatedGoalAsync(string municipality) =>
        await new PlanService.PlanServiceClient(HeldState.Invoker(system)).CreatePriorityGoalAsync(new CreatePriorityGoalRequest
        {
            Goal = new PriorityGoalInput { MunicipalityCode = municipality, Department = "総務課", FiscalYear = "2019", Position = 1, Title = "関係のない目標" },
        });

    [Theory]
    [InlineData("Plan", "/kyodo.plan.v1.PlanService/ImportPlan", 1, "99041")]
    [InlineData("Plan", "/kyodo.plan.v1.PlanService/ReviseTarget", 1, "99042")]
    [InlineData("Plan", "/kyodo.plan.v1.PlanService/RecordActual", 1, "99043")]
    [InlineData("Budget", "/kyodo.budget.v1.BudgetService/UpsertItemSheet", 1, "99044")]
    [InlineData("Plan", "/kyodo.plan.v1.PlanService/CreatePriorityGoal", 1, "99045")]
    [InlineData("Subsidy", "/kyodo.subsidy.v1.SubsidyService/ImportProgram", 1, "99046")] // the program's check (validate_only)
    [InlineData("Subsidy", "/kyodo.subsidy.v1.SubsidyService/ImportProgram", 2, "99047")] // the program's import itself
    public async Task AFailureAtAnyStepOfTheImportLeavesEverythingHeldAsBefore(string backend, string method, int nth, string municipality)
    {
        await UnrelatedGoalAsync(municipality);
        var before = await HeldState.OfAsync(system, municipality);
        var (gateway, path) = await GatewayWithPathAsync(backend);
        await using (gateway)
        await using (path)
        {
            var outage = new OutageAt(path, method, nth);
            var copy = SampleDocument.Copy(municipality);
            var run = await KyodoSystem.RunThroughAsync(gateway, ["import", copy, "--max-attempts", "1"], wrapCalls: outage.Wrap);

            Assert.True(outage.Happened, $"{method} #{nth} was never called:\n{run}");
            Assert.True(run.ExitCode == 69, run.ToString()); // EX_UNAVAILABLE: the service went away
            Assert.Contains($"{copy}:", run.Error.Split('\n').Single(l => l.Contains(": Unavailable:")));
            Assert.DoesNotContain("could not undo", run.Error);
            Assert.DoesNotContain("kept (cannot be undone)", run.Error);
        }
        Assert.Equal(before, await HeldState.OfAsync(system, municipality));
    }

    [Fact]
    public async Task AFailureAfterHeldRecordsChangedRestoresTheGoalsTextAndNamesTheRevisedBudgetYearItKeeps()
    {
        const string municipality = "99048";
        Assert.Equal(0, (await system.RunAsync("import", SampleDocument.Copy(municipality))).ExitCode);
        var (changed, _) = SampleDocument.Broken("achievement: 2回開催", "achievement: 3回開催", municipality);
        File.WriteAllText(changed, File.ReadAllText(changed)
            .Replace("cost: \"1,200千円\"", "cost: \"1,300千円\"").Replace("general_revenue: \"1,200千円\"", "general_revenue: \"1,300千円\""));

        var (gateway, path) = await GatewayWithPathAsync("Subsidy");
        await using (gateway)
        await using (path)
        {
            // The program's own import is the last write of the document.
            var outage = new OutageAt(path, "/kyodo.subsidy.v1.SubsidyService/ImportProgram", 2);
            var run = await KyodoSystem.RunThroughAsync(gateway, ["import", changed, "--max-attempts", "1"], wrapCalls: outage.Wrap);
            Assert.True(run.ExitCode == 69, run.ToString());
            Assert.Contains("kept (cannot be undone): 1 budget years of item 'sample-support' revised", run.Error);
        }

        var plans = new PlanService.PlanServiceClient(HeldState.Invoker(system));
        var goal = (await plans.ListPriorityGoalsAsync(new ListPriorityGoalsRequest { MunicipalityCode = municipality })).Goals.Single();
        Assert.Equal("2回開催", goal.Items.Single().Achievement); // restored
        var budgets = new Kyodo.Budget.V1.BudgetService.BudgetServiceClient(HeldState.Invoker(system));
        var line = (await budgets.ListBudgetLinesAsync(new Kyodo.Budget.V1.ListBudgetLinesRequest { MunicipalityCode = municipality, FiscalYear = 2020 })).Lines.Single();
        Assert.Equal(1_300_000, line.Funding.CostYen); // kept, as the command said
    }

    [Fact]
    public async Task ABudgetYearTheServiceCouldNotReviseIsRefusedAtItsLineBeforeAnythingIsWritten()
    {
        const string municipality = "99049";
        var (supplementary, _) = SampleDocument.Broken("stage: initial", "stage: supplementary\n    supplementary_number: 1", municipality);
        Assert.Equal(0, (await system.RunAsync("import", supplementary)).ExitCode);
        var before = await HeldState.OfAsync(system, municipality);

        // Back to 当初 with another amount and a changed goal: a line's stage never goes back.
        var (initial, line) = SampleDocument.Broken("cost: \"1,200千円\"", "cost: \"1,100千円\"", municipality);
        File.WriteAllText(initial, File.ReadAllText(initial).Replace("general_revenue: \"1,200千円\"", "general_revenue: \"1,100千円\"")
            .Replace("achievement: 2回開催", "achievement: 3回開催"));
        var run = await system.RunAsync("import", initial);
        Assert.True(run.ExitCode == 65, run.ToString());
        Assert.Contains($"{initial}:{line - 1}:1: the FY2020 budget of item 'sample-support' is at stage 補正1 as held; the file's 当初 would take it back", run.Error);
        Assert.Contains("nothing was imported", run.Error);
        Assert.Equal(before, await HeldState.OfAsync(system, municipality));
    }
}
