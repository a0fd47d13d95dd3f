namespace Kyodo.Cli.Tests;

/// <summary>
/// Importing a changed document over what an earlier import left: an import never rewrites a
/// held plan or recorded subsidy history; it refuses (exit 65) and nothing changes.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ChangedDocumentTests(KyodoSystem system)
{
    private async Task<List<string>> ImportedAsync(string municipality)
    {
        using var folder = new TempFolder();
        var run = await system.RunAsync("import", SampleDocument.Copy(folder, municipality));
        Assert.True(run.ExitCode == 0, run.ToString());
        return await HeldState.OfAsync(system, municipality);
    }

    [Fact]
    public async Task APlanThatDiffersFromTheHeldOneIsRefusedBeforeAnythingIsWritten()
    {
        var before = await ImportedAsync("99021");
        using var folder = new TempFolder();
        var (file, _) = SampleDocument.Broken(folder, "市民活動を支援する。", "市民活動を応援する。", "99021");
        var run = await system.RunAsync("import", file);
        Assert.True(run.ExitCode == 65, run.ToString());
        Assert.Contains("exists in 99021 and differs from the file", run.Error);
        Assert.Contains(".purpose", run.Error);
        Assert.Equal(before, await HeldState.OfAsync(system, "99021"));
    }

    [Fact]
    public async Task RecordedSubsidyFiguresThatDifferAreRefusedAndTheProgramIsLeftAsItWas()
    {
        var before = await ImportedAsync("99022");
        using var folder = new TempFolder();
        var (file, line) = SampleDocument.Broken(folder, "course: ステップアップ, awards: 2, awarded_amount: \"300,000\"",
            "course: ステップアップ, awards: 2, awarded_amount: \"290,000\"", "99022");
        var run = await system.RunAsync("import", file);
        Assert.True(run.ExitCode == 65, run.ToString());
        // At the row whose figures the subsidy service refused, as the checks report their problems.
        Assert.Contains($"{file}:{line}:1: FailedPrecondition: ステップアップ FY2019 is already recorded with other figures", run.Error);
        Assert.Contains("RECORDED_RESULTS_DIFFER", run.Error);
        Assert.Equal(before, await HeldState.OfAsync(system, "99022"));
    }

    [Fact]
    public async Task ADocumentThatFailsPartWayHasWhatItCreatedUndone()
    {
        // The program is held already with other recorded figures, so the document's last step
        // (ImportProgram) is refused after its plan, budget lines and priority goal were written.
        var subsidies = new Kyodo.Subsidy.V1.SubsidyService.SubsidyServiceClient(HeldState.Invoker(system));
        await subsidies.ImportProgramAsync(new Kyodo.Subsidy.V1.ImportProgramRequest
        {
            MunicipalityCode = "99023",
            Name = "テスト市 市民活動促進事業補助金",
            Courses =
            {
                new Kyodo.Subsidy.V1.CourseInput { Name = "チャレンジ", CapYen = 200_000, OncePerApplicant = true, AcceptsNewProjects = true,
                    AcceptsContinuingProjects = true },
                new Kyodo.Subsidy.V1.CourseInput { Name = "ステップアップ", CapYen = 150_000, OncePerApplicant = true, AcceptsNewProjects = true,
                    AcceptsContinuingProjects = true },
            },
            Results =
                { new Kyodo.Subsidy.V1.ImportedCourseResult { FiscalYear = 2019, Course = "チャレンジ", Awards = 1, AwardedYen = 100_000 } },
        });
        var before = await HeldState.OfAsync(system, "99023");

        using var folder = new TempFolder();
        var run = await system.RunAsync("import", SampleDocument.Copy(folder, "99023"));
        Assert.True(run.ExitCode == 65, run.ToString());
        Assert.Contains("undoing what", run.Error);
        Assert.Contains($"RECORDED_RESULTS_DIFFER", run.Error);
        // No plan, budget line or priority goal of the document is left; the program is as it was.
        Assert.Equal(before, await HeldState.OfAsync(system, "99023"));
    }
}
