using System.Text.Json.Nodes;
using Kyodo.Plan.V1;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;
using BudgetV1 = Kyodo.Budget.V1;

namespace Kyodo.Cli.Tests;

/// <summary>
/// A document whose import fails part-way: at each step before the first write that cannot be
/// taken back, the service it calls goes away for that one call (a real outage through a TCP
/// proxy in front of it) and everything written before is taken back. From that write on
/// (an update of a held goal, a revision of a held budget year, a program's import) nothing is
/// deleted: what is held is named, and a re-run completes the document as a clean import would.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PartWayFailureTests(KyodoSystem system)
{
    private const string SecondProgram = "テスト市 地域づくり補助金";

    private async Task<(ServiceUnderTest Gateway, TcpProxy Path)> GatewayWithPathAsync(string backend)
    {
        var address = system.Backends[backend];
        var path = new TcpProxy(address.Host, address.Port);
        try
        {
            var gateway = await system.StartGatewayAsync(
                new Dictionary<string, string?> { [$"Services:{backend}"] = $"http://127.0.0.1:{path.Port}" });
            return (gateway, path);
        }
        catch
        {
            await path.DisposeAsync();
            throw;
        }
    }

    /// <summary>The program is held and so is every budget line it spends from: the undo took none from under it.</summary>
    private async Task AssertHeldWithTheLinesItSpendsFromAsync(string municipality, string programName)
    {
        var invoker = HeldState.Invoker(system);
        var program = (await new SubsidyService.SubsidyServiceClient(invoker).ListProgramsAsync(
            new ListProgramsRequest { MunicipalityCode = municipality }))
            .Programs.Single(p => p.Name == programName);
        Assert.NotEmpty(program.BudgetLines);
        var budgets = new BudgetV1.BudgetService.BudgetServiceClient(invoker);
        foreach (var link in program.BudgetLines)
            Assert.Equal(link.FiscalYear,
                (await budgets.GetBudgetLineAsync(new BudgetV1.GetBudgetLineRequest { Id = link.BudgetLineId })).Line.FiscalYear);
    }

    /// <summary>Something of the municipality that the document does not touch, so "as before" is not merely "empty".</summary>
    private async Task UnrelatedGoalAsync(string municipality) =>
        await new PlanService.PlanServiceClient(HeldState.Invoker(system)).CreatePriorityGoalAsync(new CreatePriorityGoalRequest
        {
            Goal = new PriorityGoalInput
            {
                MunicipalityCode = municipality, Department = "総務課", FiscalYear = "2019", Position = 1,
                Title = "関係のない目標"
            },
        });

    /// <summary>The sample with a second program spending the same FY2020 line, written after the first.</summary>
    private static string TwoPrograms(TempFolder folder, string municipality) => SampleDocument.Broken(folder,
        "note: total of the year }", "note: total of the year }\n"
        + $"  - id: sample-second-grant\n    name: {SecondProgram}\n"
        + "    budget_lines:\n      - { fiscal_year: 令和2年度, item: sample-support }\n"
        + "    courses:\n      - { name: 一般, cap: 10万円, once_per_applicant: true }\n"
        + "    results:\n      - { fiscal_year: 令和2年度, applications: 2, awards: 1, awarded_amount: \"50,000\" }",
        municipality).File;

    [Theory]
    [InlineData("Plan", "/kyodo.plan.v1.PlanService/ImportPlan", 1, "99041")]
    [InlineData("Plan", "/kyodo.plan.v1.PlanService/ReviseTarget", 1, "99042")]
    [InlineData("Plan", "/kyodo.plan.v1.PlanService/RecordActual", 1, "99043")]
    [InlineData("Budget", "/kyodo.budget.v1.BudgetService/UpsertItemSheet", 1, "99044")]
    [InlineData("Plan", "/kyodo.plan.v1.PlanService/CreatePriorityGoal", 1, "99045")]
    [InlineData("Subsidy", "/kyodo.subsidy.v1.SubsidyService/ImportProgram", 1, "99046")] // the program's check (validate_only)
    public async Task AFailureAtAnyStepBeforeTheFirstWriteThatCannotBeUndoneLeavesEverythingHeldAsBefore(string backend, string method,
        int nth, string municipality)
    {
        await UnrelatedGoalAsync(municipality);
        var before = await HeldState.OfAsync(system, municipality);
        using var folder = new TempFolder();
        var (gateway, path) = await GatewayWithPathAsync(backend);
        await using (path)
        await using (gateway)
        {
            var outage = new OutageAt(path, method, nth);
            var copy = SampleDocument.Copy(folder, municipality);
            var run = await KyodoSystem.RunThroughAsync(gateway, ["import", copy, "--max-attempts", "1"], wrapCalls: outage.Wrap);

            Assert.True(outage.Happened, $"{method} #{nth} was never called:\n{run}");
            Assert.True(run.ExitCode == 69, run.ToString()); // EX_UNAVAILABLE: the service went away
            Assert.Contains($"{copy}:", run.Error.Split('\n').Single(l => l.Contains(": Unavailable:")));
            Assert.DoesNotContain("could not undo", run.Error);
            Assert.DoesNotContain("kept", run.Error);
        }
        Assert.Equal(before, await HeldState.OfAsync(system, municipality));
    }

    [Fact]
    public async Task AProgramFailingAfterAnotherCommittedKeepsTheLinesAndPlanItSpendsFrom_AndARerunCompletesTheDocumentAsACleanImport()
    {
        const string municipality = "99047";
        using var folder = new TempFolder();
        var document = TwoPrograms(folder, municipality);
        var (gateway, path) = await GatewayWithPathAsync("Subsidy");
        await using (path)
        await using (gateway)
        {
            // ImportProgram calls: the two checks, the first program's import, the second's (#4).
            var outage = new OutageAt(path, "/kyodo.subsidy.v1.SubsidyService/ImportProgram", 4);
            var run = await KyodoSystem.RunThroughAsync(gateway, ["import", document, "--max-attempts", "1"], wrapCalls: outage.Wrap);
            Assert.True(outage.Happened, run.ToString());
            Assert.True(run.ExitCode == 69, run.ToString());
            Assert.DoesNotContain("undoing", run.Error);
            Assert.Contains("kept: plan テスト市 実施計画 (created)", run.Error);
            Assert.Contains("kept: budget line FY2019 of item 'sample-support' (created)", run.Error);
            Assert.Contains("kept: budget line FY2020 of item 'sample-support' (created)", run.Error);
            Assert.Contains("kept: subsidy program テスト市 市民活動促進事業補助金 (imported, 10 applications recorded)", run.Error);
            Assert.Contains($"perhaps written: subsidy program {SecondProgram} (sent, but its answer did not come)", run.Error);
            Assert.Contains("re-run `kyodo import` to complete: a re-run finds what is held and continues", run.Error);
        }

        // The first program is held and spends from lines that are held; the second is not there.
        var invoker = HeldState.Invoker(system);
        var programs = (await new SubsidyService.SubsidyServiceClient(invoker).ListProgramsAsync(
            new ListProgramsRequest { MunicipalityCode = municipality })).Programs;
        var first = Assert.Single(programs);
        Assert.Equal("テスト市 市民活動促進事業補助金", first.Name);
        var lines = (await new BudgetV1.BudgetService.BudgetServiceClient(invoker).ListBudgetLinesAsync(
            new BudgetV1.ListBudgetLinesRequest { MunicipalityCode = municipality })).Lines;
        Assert.Equal(first.BudgetLines.Select(l => l.BudgetLineId).Order(), lines.Select(l => l.Id).Order());
        Assert.Single((await new PlanService.PlanServiceClient(invoker).ListPlansAsync(
            new ListPlansRequest { MunicipalityCode = municipality })).Plans);

        var rerun = await system.RunAsync("import", document);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("plans: 0 created (0 items), 1 unchanged; budget lines: 0 created, 0 revised, 2 unchanged", rerun.Out);
        Assert.Contains("subsidy programs: 1 imported (2 applications recorded), 1 unchanged", rerun.Out);

        using var cleanFolder = new TempFolder();
        var clean = await system.RunAsync("import", TwoPrograms(cleanFolder, "99050"));
        Assert.True(clean.ExitCode == 0, clean.ToString());
        var (completed, cleanly) = (await RoundTrip.HeldAsync(system, municipality), await RoundTrip.HeldAsync(system, "99050"));
        Assert.Equal(2, completed["subsidy_programs"]!.AsArray().Count);
        Assert.True(JsonNode.DeepEquals(cleanly, completed),
            string.Join("\n", Kyodo.Cli.Seed.SeedCanonical.Differences(cleanly, completed)));
    }

    [Fact]
    public async Task AProgramWhoseAnswerIsLostAfterItCommittedKeepsTheLinesItSpendsFrom_AndARerunFindsItImported()
    {
        const string municipality = "99053";
        using var folder = new TempFolder();
        var copy = SampleDocument.Copy(folder, municipality);
        // ImportProgram #2 is the program's import itself: it commits, its answer never arrives.
        var lost = new AnswerLostAt("/kyodo.subsidy.v1.SubsidyService/ImportProgram", 2);
        var run = await KyodoSystem.RunThroughAsync(system.Gateway, ["import", copy, "--max-attempts", "1"], wrapCalls: lost.Wrap);
        Assert.True(lost.Happened, run.ToString());
        Assert.True(run.ExitCode == 69, run.ToString()); // DEADLINE_EXCEEDED
        Assert.DoesNotContain("undoing", run.Error);
        Assert.Contains("perhaps written: subsidy program テスト市 市民活動促進事業補助金 (sent, but its answer did not come)", run.Error);
        Assert.Contains("re-run `kyodo import` to complete", run.Error);

        // It did commit: every line it spends from is still held.
        await AssertHeldWithTheLinesItSpendsFromAsync(municipality, "テスト市 市民活動促進事業補助金");

        var rerun = await system.RunAsync("import", copy);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("subsidy programs: 0 imported (0 applications recorded), 1 unchanged", rerun.Out);
        var dataset = RoundTrip.Read(copy);
        await RoundTrip.AssertExportEqualsAsync(system, dataset[0], dataset);
    }

    [Fact]
    public async Task AProgramWhoseAnswerWasLostIsResentWithItsRequestIdAndAnsweredAsImported_AndStillKeepsTheLinesItSpendsFrom()
    {
        const string municipality = "99056";
        using var folder = new TempFolder();
        var document = TwoPrograms(folder, municipality);
        var subsidies = new SubsidyService.SubsidyServiceClient(HeldState.Invoker(system));
        // ImportProgram calls: the two checks, the first program's import (#3: it commits, its answer
        // is lost as UNAVAILABLE, so kyodo resends it with its request_id, #4, and hears the first
        // answer again: imported), the second's (#5),
        // before which someone records the second program with other figures, so it is refused.
        var lost = new AnswerLostAt("/kyodo.subsidy.v1.SubsidyService/ImportProgram", 3, Grpc.Core.StatusCode.Unavailable);
        var concurrent = new ConcurrentChangeAt("/kyodo.subsidy.v1.SubsidyService/ImportProgram", 5,
            async () => await subsidies.ImportProgramAsync(new ImportProgramRequest
            {
                MunicipalityCode = municipality, Name = SecondProgram,
                Courses = { new CourseInput { Name = "一般", CapYen = 100_000, OncePerApplicant = true, AcceptsNewProjects = true,
                AcceptsContinuingProjects = true } },
                Results = { new ImportedCourseResult { FiscalYear = 2020, Course = "一般", Awards = 1, AwardedYen = 60_000 } },
            }));
        var run = await KyodoSystem.RunThroughAsync(system.Gateway, ["import", document],
            wrapCalls: invoker => concurrent.Wrap(lost.Wrap(invoker)));
        Assert.True(lost.Happened && concurrent.Happened, run.ToString());
        Assert.True(run.ExitCode == 65, run.ToString());
        Assert.Contains("RECORDED_RESULTS_DIFFER", run.Error);
        Assert.DoesNotContain("undoing", run.Error);
        Assert.Contains("kept: subsidy program テスト市 市民活動促進事業補助金 (imported, ", run.Error);

        // The first program did commit, and every line it spends from is still held.
        await AssertHeldWithTheLinesItSpendsFromAsync(municipality, "テスト市 市民活動促進事業補助金");
        Assert.Single((await new PlanService.PlanServiceClient(HeldState.Invoker(system)).ListPlansAsync(
            new ListPlansRequest { MunicipalityCode = municipality })).Plans);
    }

    [Fact]
    public async Task APlanWhoseAnswerIsLostAsUnavailableAfterItCommittedIsResentWithItsRequestId_AndTheImportCompletesWithOnePlan()
    {
        const string municipality = "99057";
        using var folder = new TempFolder();
        var copy = SampleDocument.Copy(folder, municipality);
        // ImportPlan #1 commits; its answer is lost as when the connection breaks, so kyodo sends it again.
        var lost = new AnswerLostAt("/kyodo.plan.v1.PlanService/ImportPlan", 1, Grpc.Core.StatusCode.Unavailable);
        var run = await KyodoSystem.RunThroughAsync(system.Gateway, ["import", copy], wrapCalls: lost.Wrap);
        Assert.True(lost.Happened, run.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("before attempt 2", run.Error);

        Assert.Single((await new PlanService.PlanServiceClient(HeldState.Invoker(system)).ListPlansAsync(
            new ListPlansRequest { MunicipalityCode = municipality })).Plans);
        var dataset = RoundTrip.Read(copy);
        await RoundTrip.AssertExportEqualsAsync(system, dataset[0], dataset);
    }

    [Fact]
    public async Task AProgramImportTheServiceRefusesWritesNothing_SoEverythingTheDocumentCreatedIsTakenBack()
    {
        const string municipality = "99055";
        await UnrelatedGoalAsync(municipality);
        var subsidies = new SubsidyService.SubsidyServiceClient(HeldState.Invoker(system));
        // Between the check and the import someone records the program's FY2019 チャレンジ with other figures.
        var concurrent = new ConcurrentChangeAt("/kyodo.subsidy.v1.SubsidyService/ImportProgram", 2,
            async () => await subsidies.ImportProgramAsync(new ImportProgramRequest
            {
                MunicipalityCode = municipality, Name = "テスト市 市民活動促進事業補助金",
                Courses =
            {
                new CourseInput { Name = "チャレンジ", CapYen = 200_000, OncePerApplicant = true, AcceptsNewProjects = true,
                    AcceptsContinuingProjects = true },
                new CourseInput { Name = "ステップアップ", CapYen = 150_000, OncePerApplicant = true, AcceptsNewProjects = true,
                    AcceptsContinuingProjects = true },
            },
                Results = { new ImportedCourseResult { FiscalYear = 2019, Course = "チャレンジ", Awards = 1, AwardedYen = 100_000 } },
            }));
        using var folder = new TempFolder();
        var run = await KyodoSystem.RunThroughAsync(system.Gateway, ["import", SampleDocument.Copy(folder, municipality)],
            wrapCalls: concurrent.Wrap);
        Assert.True(concurrent.Happened, run.ToString());
        Assert.True(run.ExitCode == 65, run.ToString());
        Assert.Contains("RECORDED_RESULTS_DIFFER", run.Error);
        Assert.Contains("undoing what", run.Error);
        Assert.DoesNotContain("kept", run.Error);

        // Only what was there (the unrelated goal) and the other writer's program remain.
        var invoker = HeldState.Invoker(system);
        Assert.Empty((await new PlanService.PlanServiceClient(invoker).ListPlansAsync(
            new ListPlansRequest { MunicipalityCode = municipality })).Plans);
        Assert.Empty((await new BudgetV1.BudgetService.BudgetServiceClient(invoker).ListBudgetLinesAsync(
            new BudgetV1.ListBudgetLinesRequest { MunicipalityCode = municipality })).Lines);
        Assert.Equal("関係のない目標", (await new PlanService.PlanServiceClient(invoker).ListPriorityGoalsAsync(
            new ListPriorityGoalsRequest { MunicipalityCode = municipality })).Goals.Single().Title);
        var program = (await subsidies.ListProgramsAsync(new ListProgramsRequest { MunicipalityCode = municipality })).Programs.Single();
        Assert.Empty(program.BudgetLines);
        Assert.Single(
            (await subsidies.ListApplicationsAsync(new ListApplicationsRequest { MunicipalityCode = municipality })).Applications);
    }

    [Fact]
    public async Task AFailureAfterAHeldGoalWasUpdatedKeepsTheUpdate_AndARerunRevisesTheBudgetYearItDidNotReach()
    {
        const string municipality = "99048";
        using var folder = new TempFolder();
        Assert.Equal(0, (await system.RunAsync("import", SampleDocument.Copy(folder, municipality))).ExitCode);
        var (changed, _) = SampleDocument.Broken(folder, "achievement: 2回開催", "achievement: 3回開催", municipality);
        File.WriteAllText(changed, File.ReadAllText(changed)
            .Replace("cost: \"1,200千円\"", "cost: \"1,300千円\"").Replace("general_revenue: \"1,200千円\"", "general_revenue: \"1,300千円\""));

        var (gateway, path) = await GatewayWithPathAsync("Budget");
        await using (path)
        await using (gateway)
        {
            // Every year is held, so the document's one UpsertItemSheet is the revision, after the goal's update.
            var outage = new OutageAt(path, "/kyodo.budget.v1.BudgetService/UpsertItemSheet", 1);
            var run = await KyodoSystem.RunThroughAsync(gateway, ["import", changed, "--max-attempts", "1"], wrapCalls: outage.Wrap);
            Assert.True(outage.Happened, run.ToString());
            Assert.True(run.ExitCode == 69, run.ToString());
            Assert.DoesNotContain("undoing", run.Error);
            Assert.Contains("kept: priority goal 1 of 企画課 FY2019 (updated)", run.Error);
            Assert.Contains("perhaps written: the held budget years of item 'sample-support'", run.Error);
        }

        var plans = new PlanService.PlanServiceClient(HeldState.Invoker(system));
        Assert.Equal("3回開催", (await plans.ListPriorityGoalsAsync(
            new ListPriorityGoalsRequest { MunicipalityCode = municipality })).Goals.Single().Items.Single().Achievement);
        var budgets = new BudgetV1.BudgetService.BudgetServiceClient(HeldState.Invoker(system));
        async Task<long> CostAsync() =>
            (await budgets.ListBudgetLinesAsync(
                new BudgetV1.ListBudgetLinesRequest { MunicipalityCode = municipality, FiscalYear = 2020 })).Lines.Single().Funding.CostYen;
        Assert.Equal(1_200_000, await CostAsync()); // the outage came before the revision reached the service

        var rerun = await system.RunAsync("import", changed);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("budget lines: 0 created, 1 revised, 1 unchanged; priority goals: 0 created, 0 updated, 1 unchanged", rerun.Out);
        Assert.Equal(1_300_000, await CostAsync());
    }

    [Fact]
    public async Task ABudgetYearTheServiceCouldNotReviseIsRefusedAtItsLineBeforeAnythingIsWritten()
    {
        const string municipality = "99049";
        using var folder = new TempFolder();
        var (supplementary, _) =
            SampleDocument.Broken(folder, "stage: initial", "stage: supplementary\n    supplementary_number: 1", municipality);
        Assert.Equal(0, (await system.RunAsync("import", supplementary)).ExitCode);
        var before = await HeldState.OfAsync(system, municipality);

        // Back to 当初 with another amount and a changed goal: a line's stage never goes back.
        var (initial, line) = SampleDocument.Broken(folder, "cost: \"1,200千円\"", "cost: \"1,100千円\"", municipality);
        File.WriteAllText(initial, File.ReadAllText(initial).Replace("general_revenue: \"1,200千円\"", "general_revenue: \"1,100千円\"")
            .Replace("achievement: 2回開催", "achievement: 3回開催"));
        var run = await system.RunAsync("import", initial);
        Assert.True(run.ExitCode == 65, run.ToString());
        Assert.Contains($"{initial}:{line - 1}:1: the FY2020 budget of item 'sample-support' is at stage 補正1 as held; the file's 当初 would "
            + $"take it back",
            run.Error);
        Assert.Contains("nothing was imported", run.Error);
        Assert.Equal(before, await HeldState.OfAsync(system, municipality));
    }
}
