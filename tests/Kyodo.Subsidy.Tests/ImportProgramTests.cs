using System.Text.Json;
using Google.Rpc;
using Grpc.Core;
using Kyodo.Contracts.Subsidy;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Subsidy.Data;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.Subsidy.Tests;

/// <summary>
/// ImportProgram keeps what a document prints of its results beyond the counts: the split of
/// awards into continuing and new projects (seed 002), whether applications were printed, the
/// notes (seed 001), and it can check a document against what is held without writing.
/// </summary>
public sealed class ImportProgramTests(SubsidySystemFixture system) : IClassFixture<SubsidySystemFixture>
{
    private const string Ueda = "99321";
    private const string Komoro = "99322";

    private static ImportProgramRequest Wagamachi(string name, int continuing = 93, int newProjects = 20) => new()
    {
        MunicipalityCode = Ueda, Name = name,
        Courses =
            { new CourseInput { Name = "わがまち魅力アップ応援事業", RoundsPerYear = 3, AcceptsNewProjects = true, AcceptsContinuingProjects = true } },
        Results =
        {
            new ImportedCourseResult
            {
                FiscalYear = 2017, Course = "わがまち魅力アップ応援事業", Awards = 113, AwardsContinuing = continuing, AwardsNew = newProjects,
                    AwardedYen = 45_760_000,
            },
        },
    };

    private static ImportProgramRequest Sokushin(string name, string note = "* (申請数) コロナ禍により事業の縮小開催や中止した団体あり。") => new()
    {
        MunicipalityCode = Komoro, Name = name,
        Courses =
        {
            new CourseInput { Name = "チャレンジ", CapYen = 200_000, OncePerApplicant = true, AcceptsNewProjects = true,
                AcceptsContinuingProjects = true },
            new CourseInput { Name = "ステップアップ", CapYen = 150_000, OncePerApplicant = true, AcceptsNewProjects = true,
                AcceptsContinuingProjects = true },
        },
        Results =
        {
            new ImportedCourseResult { FiscalYear = 2019, Course = "チャレンジ", Awards = 4, AwardedYen = 800_000 },
            new ImportedCourseResult { FiscalYear = 2020, Course = "チャレンジ", Awards = 2, Applications = 3, AwardedYen = 266_000 },
            new ImportedCourseResult { FiscalYear = 2020, Course = "ステップアップ", Awards = 1, Applications = 2, AwardedYen = 102_000,
                Note = "縮小開催" },
        },
        YearNotes = { new ImportedYearNote { FiscalYear = 2020, Note = note } },
    };

    private async Task<List<Application>> ApplicationsAsync(string municipality, string programId) =>
        (await system.Subsidies.ListApplicationsAsync(new ListApplicationsRequest
        {
            MunicipalityCode = municipality, ProgramId = programId, Page = new Kyodo.Common.V1.PageRequest { PageSize = 500 },
        })).Applications.ToList();

    [Fact]
    public async Task UedasAwardsSplit93ContinuingAnd20NewIsRecordedAsTheApplicationsProjectKinds()
    {
        var imported = await system.Subsidies.ImportProgramAsync(Wagamachi($"わがまち魅力アップ応援事業 {Guid.NewGuid():N}"));

        var applications = await ApplicationsAsync(Ueda, imported.Program.Id);
        Assert.Equal(113, applications.Count);
        Assert.Equal(93, applications.Count(a => a.ProjectKind == ProjectKind.Continuing));
        Assert.Equal(20, applications.Count(a => a.ProjectKind == ProjectKind.New));
        Assert.Equal(45_760_000, applications.Sum(a => a.AwardedYen));
    }

    [Fact]
    public async Task UedasAwardsHaveNoRoundWhereTheDocumentPrintsNoneAndTheStatisticsSplitThemByKindAndRound()
    {
        var imported = await system.Subsidies.ImportProgramAsync(Wagamachi($"わがまち魅力アップ応援事業 {Guid.NewGuid():N}"));

        // 002 prints 年3回募集 and the year's total: which round each award came in, it does not say.
        var applications = await ApplicationsAsync(Ueda, imported.Program.Id);
        Assert.All(applications, a => Assert.True(a.RoundUnknown, $"{a.ProjectTitle} has round {a.Round}"));
        var row = (await system.Subsidies.GetStatisticsAsync(
            new GetStatisticsRequest { MunicipalityCode = Ueda, ProgramId = imported.Program.Id })).Rows.Single();
        Assert.Equal((113, 93, 20, 0), (row.Awards, row.AwardsContinuing, row.AwardsNew, row.AwardsKindUnknown));
        var round = row.Rounds.Single();
        Assert.Equal((false, 113, 113, 45_760_000L), (round.HasRound, round.Applications, round.Awards, round.AwardedYen));
    }

    [Fact]
    public async Task AmountsAskedForThatNoDocumentPrintsStayUnknownInTheApplicationsAndOutOfTheStatisticsSums()
    {
        var imported = (await system.Subsidies.ImportProgramAsync(Sokushin($"市民活動促進事業補助金 {Guid.NewGuid():N}"))).Program;

        // 001 prints how many applied (3 and 2 in 令和2年度), never what they asked for: not the course cap, not the award.
        var applications = await ApplicationsAsync(Komoro, imported.Id);
        Assert.Equal(9, applications.Count);
        Assert.All(applications, a => Assert.True(a.RequestedYenUnknown, $"{a.ProjectTitle} asks {a.RequestedYen}"));
        Assert.All(applications, a => Assert.Equal((false, 0), (a.RoundUnknown, a.Round))); // the courses have no rounds: 0, known
        var rows = (await system.Subsidies.GetStatisticsAsync(
            new GetStatisticsRequest { MunicipalityCode = Komoro, ProgramId = imported.Id, FiscalYear = 2020 })).Rows;
        Assert.Equal([("ステップアップ", true, 2), ("チャレンジ", true, 3)],
            rows.Select(r => (r.CourseName, r.Applications == r.RequestedUnknown, r.RequestedUnknown)));
        Assert.Equal(["チャレンジ 2件(3)", "ステップアップ 1件(2)"], rows.OrderByDescending(r => r.CourseName == "チャレンジ").Select(r => r.Summary));
    }

    [Fact]
    public async Task ASplitThatDoesNotAddUpToTheAwardsIsRefusedAndNothingIsStored()
    {
        var name = $"わがまち魅力アップ応援事業 {Guid.NewGuid():N}";
        var refused = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => system.Subsidies.ImportProgramAsync(Wagamachi(name, 93, 19)).ResponseAsync);
        Assert.Contains("results[0].awards_new", RpcAssert.FieldViolations(refused).Keys);
        await using var db = system.OpenDatabase();
        Assert.False(await db.Programs.AnyAsync(p => p.Name == name));
    }

    [Fact]
    public async Task AnEarlierImportWithoutTheSplitGetsThePrintedKinds_AndADifferentSplitLaterIsRefused()
    {
        var name = $"わがまち魅力アップ応援事業 {Guid.NewGuid():N}";
        var first = await system.Subsidies.ImportProgramAsync(Wagamachi(name, 0, 0));
        Assert.All(await ApplicationsAsync(Ueda, first.Program.Id), a => Assert.Equal(ProjectKind.Unspecified, a.ProjectKind));

        var eventsBefore = await OutboxRowsAsync<ApplicationStatusChanged>(first.Program.Id);
        Assert.Equal(113, eventsBefore); // one per recorded application: its latest step
        var filled = await system.Subsidies.ImportProgramAsync(Wagamachi(name));
        Assert.True(filled.Changed);
        Assert.Equal(0, filled.ApplicationsRecorded); // none written: the 113 are only given their kinds
        // The kind is in no event and no step of the applications' lives: nothing is published.
        Assert.Equal(eventsBefore, await OutboxRowsAsync<ApplicationStatusChanged>(first.Program.Id));
        Assert.Equal(1, await OutboxRowsAsync<SubsidyProgramChanged>(first.Program.Id));
        var applications = await ApplicationsAsync(Ueda, first.Program.Id);
        Assert.Equal((113, 93, 20), (applications.Count, applications.Count(a => a.ProjectKind == ProjectKind.Continuing),
            applications.Count(a => a.ProjectKind == ProjectKind.New)));

        var before = applications.Select(a => (a.Id, a.Version)).ToList();
        var refused = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => system.Subsidies.ImportProgramAsync(Wagamachi(name, 90, 23)).ResponseAsync);
        Assert.Equal("RECORDED_RESULTS_DIFFER", ErrorInfoOf(refused).Reason);
        Assert.Equal(before, (await ApplicationsAsync(Ueda, first.Program.Id)).Select(a => (a.Id, a.Version)).ToList());
    }

    [Fact]
    public async Task NotesAndWhetherApplicationsWerePrintedAreKeptWithTheProgram_AndASecondImportChangesNothing()
    {
        var name = $"市民活動促進事業補助金 {Guid.NewGuid():N}";
        var imported = (await system.Subsidies.ImportProgramAsync(Sokushin(name))).Program;

        var stored = (await system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = imported.Id })).Program;
        Assert.Equal(
            [
                (2019, "チャレンジ", false, ""),
                (2020, "", false, "* (申請数) コロナ禍により事業の縮小開催や中止した団体あり。"),
                (2020, "ステップアップ", true, "縮小開催"),
                (2020, "チャレンジ", true, ""),
            ],
            stored.PrintedResults.Select(r => (r.FiscalYear, r.Course, r.ApplicationsPrinted, r.Note)));

        var again = await system.Subsidies.ImportProgramAsync(Sokushin(name));
        Assert.False(again.Changed);
        Assert.Equal(stored, (await system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = imported.Id })).Program);
    }

    [Fact]
    public async Task ValidateOnlyAnswersWhatAnImportWouldDoAndWritesNothing()
    {
        var name = $"市民活動促進事業補助金 {Guid.NewGuid():N}";
        var checkedOnly = await system.Subsidies.ImportProgramAsync(new ImportProgramRequest(Sokushin(name)) { ValidateOnly = true });
        Assert.True(checkedOnly.Changed);
        Assert.Equal(4 + 3 + 2, checkedOnly.ApplicationsRecorded);
        await using (var db = system.OpenDatabase())
        {
            Assert.False(await db.Programs.AnyAsync(p => p.Name == name));
            Assert.False(await db.Applicants.AnyAsync(a => a.Name.Contains(name)));
        }

        var imported = (await system.Subsidies.ImportProgramAsync(Sokushin(name))).Program;
        var corrected = Sokushin(name, note: "別の注記");
        corrected.Results[1].AwardedYen = 260_000;
        corrected.ValidateOnly = true;
        var refused =
            await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => system.Subsidies.ImportProgramAsync(corrected).ResponseAsync);
        var info = ErrorInfoOf(refused);
        Assert.Equal("RECORDED_RESULTS_DIFFER", info.Reason);
        // Where the refused figures are, so a caller can point at the document's row.
        Assert.Equal(("チャレンジ", "2020", "1"), (info.Metadata["course"], info.Metadata["fiscal_year"], info.Metadata["result_index"]));
        Assert.Equal(imported, (await system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = imported.Id })).Program);
    }

    [Fact]
    public async Task ARowPrintingZeroApplicationsIsKeptApartFromARowPrintingNone()
    {
        var name = $"市民活動促進事業補助金 {Guid.NewGuid():N}";
        var request = Sokushin(name);
        // 0件(0)
        request.Results.Add(
            new ImportedCourseResult { FiscalYear = 2021, Course = "チャレンジ", Awards = 0, Applications = 0, ApplicationsPrinted = true });
        // 0件
        request.Results.Add(new ImportedCourseResult { FiscalYear = 2021, Course = "ステップアップ", Awards = 0 });
        var imported = (await system.Subsidies.ImportProgramAsync(request)).Program;

        Assert.Equal([(2021, "ステップアップ", false), (2021, "チャレンジ", true)],
            imported.PrintedResults.Where(r => r.FiscalYear == 2021).Select(r => (r.FiscalYear, r.Course, r.ApplicationsPrinted)));
        Assert.DoesNotContain(await ApplicationsAsync(Komoro, imported.Id), a => a.FiscalYear == 2021);
        Assert.False((await system.Subsidies.ImportProgramAsync(request)).Changed);
    }

    [Fact]
    public async Task APrintedZeroApplicationsUnderAwardsIsRefusedAndNothingIsStored()
    {
        var name = $"市民活動促進事業補助金 {Guid.NewGuid():N}";
        var request = Sokushin(name);
        request.Results[0].ApplicationsPrinted = true; // チャレンジ 4件(0)
        var refused =
            await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => system.Subsidies.ImportProgramAsync(request).ResponseAsync);
        Assert.Equal("must be at least the awards", RpcAssert.FieldViolations(refused)["results[0].applications"]);
        await using var db = system.OpenDatabase();
        Assert.False(await db.Programs.AnyAsync(p => p.Name == name));
    }

    [Fact]
    public async Task AnImportMakesOneRevisionOfTheProgramHoweverManyRowsItChanges()
    {
        var name = $"市民活動促進事業補助金 {Guid.NewGuid():N}";
        var created = (await system.Subsidies.ImportProgramAsync(Sokushin(name))).Program;
        Assert.Equal(1, created.Revision); // created with its courses and four printed rows

        var renoted = Sokushin(name, note: "別の注記");
        renoted.Results[0].Note = "注記";
        renoted.Results[2].Note = "注記";
        var changed = (await system.Subsidies.ImportProgramAsync(renoted)).Program;
        Assert.Equal(2, changed.Revision);

        var described = Sokushin(name, note: "三度目");
        described.Description = "新しい説明";
        described.Courses[0].EligibilityNotes = "市内の団体";
        Assert.Equal(3, (await system.Subsidies.ImportProgramAsync(described)).Program.Revision);
        // Each import's one event carries its revision.
        await using var db = system.OpenDatabase();
        var revisions = (await OutboxPayloadsAsync<SubsidyProgramChanged>(created.Id)).Select(
            p => JsonDocument.Parse(p).RootElement.GetProperty("revision").GetInt32());
        Assert.Equal([1, 2, 3], revisions);
    }

    [Fact]
    public async Task AProgramIsReadWithOneQueryPerCollectionNotTheProductOfThem()
    {
        // The context as the running service builds it (its registration sets the split).
        await using var scope = system.Subsidy.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SubsidyDbContext>();
        var sql = db.Programs.Where(p => p.MunicipalityCode == Komoro).ToQueryString();
        // The first of the split queries reads the programs alone; courses, lines and printed rows follow one by one.
        Assert.Contains("split-query mode", sql);
        Assert.DoesNotContain("JOIN", sql);
    }

    private async Task<int> OutboxRowsAsync<TEvent>(string programId) => (await OutboxPayloadsAsync<TEvent>(programId)).Count;

    /// <summary>The payloads of the outbox rows of one event type that name the program, in the order they were written.</summary>
    private async Task<List<string>> OutboxPayloadsAsync<TEvent>(string programId)
    {
        await using var db = system.OpenDatabase();
        var rows =
            await db.Set<OutboxMessage>().Where(m => m.MessageType == typeof(TEvent).FullName).OrderBy(m => m.Sequence).ToListAsync();
        return rows.Select(m => m.Payload).Where(p => p.Contains(programId, StringComparison.Ordinal)).ToList();
    }

    private static ErrorInfo ErrorInfoOf(RpcException e) =>
        e.GetRpcStatus()!.Details.Single(d => d.Is(ErrorInfo.Descriptor)).Unpack<ErrorInfo>();
}
