using Kyodo.Budget.V1;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Subsidy.Grpc;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Tests;

// Who may do what in the subsidy service, and that its calls to the budget service act for the
// same caller. A program belongs to the departments of the budget lines it spends from.
// Negative cases first.
public sealed class SubsidyAuthorizationTests(SubsidySystemFixture system) : IClassFixture<SubsidySystemFixture>
{
    private const string Home = "99301";
    private const string Foreign = "99302";

    private SubsidyService.SubsidyServiceClient As(string? token) => new(system.Subsidy.ChannelAs(token));

    private static readonly CourseInput Course = new() { Name = "特別", CapYen = 10_000, AcceptsNewProjects = true };

    /// <summary>A program spending from a line of 企画課 with an application under review; the id of 企画課.</summary>
    private async Task<(KomoroSubsidy Subsidy, Guid Department, Kyodo.Subsidy.V1.Application Application)> WorldAsync(string municipality)
    {
        var subsidy = await KomoroSubsidy.CreateAsync(system, 1_000_000, municipality: municipality);
        var line = (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = subsidy.BudgetLineId })).Line;
        var application = await subsidy.ApplyAndReviewAsync(system, subsidy.Challenge, 100_000);
        return (subsidy, Guid.Parse(line.Department.Id), application);
    }

    private async Task<Item> ItemOfAsync(string department)
    {
        var plan = (await system.Plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new Kyodo.Common.V1.MunicipalityRef { Code = Home, Name = "小諸市" },
            Name = $"計画 {Guid.NewGuid():N}", StartFiscalYear = "2018", EndFiscalYear = "2021",
        })).Plan;
        var node = (await system.Plans.CreateNodeAsync(
            new CreateNodeRequest { PlanId = plan.Id, LevelName = "施策", Code = "1", Title = "t" })).Node;
        return (await system.Plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id, Fields = new ItemFields { Title = "福祉事業", Departments = { department } },
            Placements = { new PlacementInput { NodeId = node.Id, Primary = true } },
        })).Item;
    }

    private async Task AssertUnchangedAsync(KomoroSubsidy subsidy, Kyodo.Subsidy.V1.Application application)
    {
        Assert.Equal(subsidy.Program, (await system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = subsidy.Program.Id })).Program);
        Assert.Equal(application,
            (await system.Subsidies.GetApplicationAsync(new GetApplicationRequest { Id = application.Id })).Application);
        Assert.Empty(
            (await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = subsidy.BudgetLineId })).Reservations);
    }

    [Fact]
    public async Task EveryKindOfBadTokenIsUnauthenticated()
    {
        var (subsidy, _, application) = await WorldAsync(Home);
        await AccessAssert.EveryBadTokenUnauthenticated(system.Subsidy, channel =>
            new SubsidyService.SubsidyServiceClient(channel).GetProgramAsync(
                new GetProgramRequest { Id = subsidy.Program.Id }).ResponseAsync);
        await AccessAssert.EveryBadTokenUnauthenticated(system.Subsidy, channel =>
            new SubsidyService.SubsidyServiceClient(channel).AwardAsync(
                new AwardRequest { ApplicationId = application.Id, AmountYen = 100_000 }).ResponseAsync);
        await AssertUnchangedAsync(subsidy, application);
    }

    [Fact]
    public async Task AnotherMunicipalitysIdAnswersLikeAMissingOneOnEveryRpcAndChangesNothing()
    {
        var (subsidy, _, application) = await WorldAsync(Foreign);
        var (home, _, _) = await WorldAsync(Home);
        var admin = As(TestAuth.UserToken(Home, KyodoRoles.Admin));
        var program = subsidy.Program;
        var course = subsidy.Challenge;
        var applicantId = application.ApplicantId;

        await AccessAssert.LikeMissing("GetProgram", program.Id,
            id => admin.GetProgramAsync(new GetProgramRequest { Id = id }).ResponseAsync);
        await AccessAssert.LikeMissing("UpdateProgram", program.Id,
            id => admin.UpdateProgramAsync(new UpdateProgramRequest { Id = id, Version = program.Version, Name = "奪取" }).ResponseAsync);
        await AccessAssert.LikeMissing("DeleteProgram", program.Id,
            id => admin.DeleteProgramAsync(new DeleteProgramRequest { Id = id, Version = program.Version }).ResponseAsync);
        await AccessAssert.LikeMissing("SetProgramBudgetLine", program.Id,
            id => admin.SetProgramBudgetLineAsync(new SetProgramBudgetLineRequest
            { ProgramId = id, FiscalYear = 2020, BudgetLineId = home.BudgetLineId }).ResponseAsync);
        await AccessAssert.LikeMissing("SetProgramBudgetLine.budget_line_id", subsidy.BudgetLineId,
            id => admin.SetProgramBudgetLineAsync(new SetProgramBudgetLineRequest
            { ProgramId = home.Program.Id, FiscalYear = 2020, BudgetLineId = id }).ResponseAsync);
        await AccessAssert.LikeMissing("CreateCourse", program.Id,
            id => admin.CreateCourseAsync(new CreateCourseRequest { ProgramId = id, Course = Course }).ResponseAsync);
        await AccessAssert.LikeMissing("UpdateCourse", course.Id,
            id => admin.UpdateCourseAsync(new UpdateCourseRequest { Id = id, Version = course.Version, Course = Course }).ResponseAsync);
        await AccessAssert.LikeMissing("DeleteCourse", course.Id,
            id => admin.DeleteCourseAsync(new DeleteCourseRequest { Id = id, Version = course.Version }).ResponseAsync);
        await AccessAssert.LikeMissing("GetApplicant", applicantId,
            id => admin.GetApplicantAsync(new GetApplicantRequest { Id = id }).ResponseAsync);
        await AccessAssert.LikeMissing("SubmitApplication", program.Id, id => admin.SubmitApplicationAsync(new SubmitApplicationRequest
        {
            ProgramId = id, CourseId = course.Id, ApplicantId = applicantId, FiscalYear = 2019, ProjectTitle = "t",
            ProjectKind = ProjectKind.New, RequestedYen = 1
        }).ResponseAsync);
        await AccessAssert.LikeMissing("GetApplication", application.Id,
            id => admin.GetApplicationAsync(new GetApplicationRequest { Id = id }).ResponseAsync);
        await AccessAssert.LikeMissing("StartReview", application.Id,
            id => admin.StartReviewAsync(new TransitionRequest { ApplicationId = id }).ResponseAsync);
        await AccessAssert.LikeMissing("Award", application.Id,
            id => admin.AwardAsync(new AwardRequest { ApplicationId = id, AmountYen = 100_000 }).ResponseAsync);
        await AccessAssert.LikeMissing("Reject", application.Id,
            id => admin.RejectAsync(new TransitionRequest { ApplicationId = id }).ResponseAsync);
        await AccessAssert.LikeMissing("Withdraw", application.Id,
            id => admin.WithdrawAsync(new TransitionRequest { ApplicationId = id }).ResponseAsync);
        await AccessAssert.LikeMissing("ReportResults", application.Id,
            id => admin.ReportResultsAsync(new TransitionRequest { ApplicationId = id }).ResponseAsync);
        await AccessAssert.LikeMissing("Settle", application.Id,
            id => admin.SettleAsync(new SettleRequest { ApplicationId = id, SettledYen = 1 }).ResponseAsync);

        await AssertUnchangedAsync(subsidy, application);
        Assert.Equal(home.Program.BudgetLines,
            (await system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = home.Program.Id })).Program.BudgetLines);
    }

    [Fact]
    public async Task AnotherMunicipalitysCodeIsPermissionDenied()
    {
        await WorldAsync(Foreign);
        var admin = As(TestAuth.UserToken(Home, KyodoRoles.Admin));

        await AccessAssert.Denied("ListPrograms",
            () => admin.ListProgramsAsync(new ListProgramsRequest { MunicipalityCode = Foreign }).ResponseAsync, Foreign);
        await AccessAssert.Denied("ListApplicants",
            () => admin.ListApplicantsAsync(new ListApplicantsRequest { MunicipalityCode = Foreign }).ResponseAsync);
        await AccessAssert.Denied("ListApplications",
            () => admin.ListApplicationsAsync(new ListApplicationsRequest { MunicipalityCode = Foreign }).ResponseAsync);
        await AccessAssert.Denied("GetStatistics",
            () => admin.GetStatisticsAsync(new GetStatisticsRequest { MunicipalityCode = Foreign }).ResponseAsync, "municipality_code");
        await AccessAssert.Denied("CreateProgram",
            () => admin.CreateProgramAsync(new CreateProgramRequest { MunicipalityCode = Foreign, Name = "乗っ取り" }).ResponseAsync);
        await AccessAssert.Denied("RegisterApplicant", () => admin.RegisterApplicantAsync(
            new RegisterApplicantRequest { MunicipalityCode = Foreign, Name = "乗っ取り", Kind = "NPO" }).ResponseAsync);

        await using var db = system.OpenDatabase();
        Assert.False(await db.Programs.AnyAsync(p => p.Name == "乗っ取り"));
        Assert.False(await db.Applicants.AnyAsync(a => a.Name == "乗っ取り"));
    }

    [Fact]
    public async Task AnEditorOfAnotherDepartmentIsDeniedAndNothingChangesHereOrInTheBudget()
    {
        var (subsidy, _, application) = await WorldAsync(Home);
        var other = (await system.Plans.CreateDepartmentAsync(
            new CreateDepartmentRequest { MunicipalityCode = Home, Name = $"福祉課{Guid.NewGuid():N}" })).Department;
        var editor = As(TestAuth.UserToken(Home, KyodoRoles.Editor, Guid.Parse(other.Id)));

        await AccessAssert.Denied("UpdateProgram", () => editor.UpdateProgramAsync(
            new UpdateProgramRequest { Id = subsidy.Program.Id, Version = subsidy.Program.Version, Name = "改名" }).ResponseAsync);
        await AccessAssert.Denied("DeleteProgram", () => editor.DeleteProgramAsync(
            new DeleteProgramRequest { Id = subsidy.Program.Id, Version = subsidy.Program.Version }).ResponseAsync);
        await AccessAssert.Denied("CreateCourse",
            () => editor.CreateCourseAsync(new CreateCourseRequest { ProgramId = subsidy.Program.Id, Course = Course }).ResponseAsync);
        await AccessAssert.Denied("UpdateCourse", () => editor.UpdateCourseAsync(
            new UpdateCourseRequest { Id = subsidy.Challenge.Id, Version = subsidy.Challenge.Version, Course = Course }).ResponseAsync);
        await AccessAssert.Denied("SubmitApplication", () => editor.SubmitApplicationAsync(new SubmitApplicationRequest
        {
            ProgramId = subsidy.Program.Id, CourseId = subsidy.Challenge.Id, ApplicantId = application.ApplicantId, FiscalYear = 2019,
            ProjectTitle = "t", ProjectKind = ProjectKind.New, RequestedYen = 1,
        }).ResponseAsync);
        await AccessAssert.Denied("Award",
            () => editor.AwardAsync(new AwardRequest { ApplicationId = application.Id, AmountYen = 100_000 }).ResponseAsync);
        await AccessAssert.Denied("Reject",
            () => editor.RejectAsync(new TransitionRequest { ApplicationId = application.Id }).ResponseAsync);

        await AssertUnchangedAsync(subsidy, application);
        await using var db = system.OpenDatabase();
        Assert.Single(await db.Applications.Where(a => a.ProgramId == Guid.Parse(subsidy.Program.Id)).ToListAsync());
    }

    [Fact]
    public async Task AnEditorOfAnotherDepartmentIsDeniedEveryOtherStepAndCourseDeletionAndNothingChanges()
    {
        var subsidy = await KomoroSubsidy.CreateAsync(system, 1_000_000, municipality: Home);
        var spare =
            (await system.Subsidies.CreateCourseAsync(new CreateCourseRequest { ProgramId = subsidy.Program.Id, Course = Course })).Course;
        var submitted = await subsidy.ApplyAsync(system, subsidy.Challenge, 100_000);
        var awarded = await subsidy.AwardedAsync(system, subsidy.Challenge, 100_000);
        var reported = await subsidy.AwardedAsync(system, subsidy.Challenge, 100_000, reported: true);
        var program = (await system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = subsidy.Program.Id })).Program;
        var held = await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = subsidy.BudgetLineId });
        var other = (await system.Plans.CreateDepartmentAsync(
            new CreateDepartmentRequest { MunicipalityCode = Home, Name = $"福祉課{Guid.NewGuid():N}" })).Department;
        var editor = As(TestAuth.UserToken(Home, KyodoRoles.Editor, Guid.Parse(other.Id)));

        // Each application is in a state its step starts from: only the department stops it.
        await AccessAssert.Denied("DeleteCourse",
            () => editor.DeleteCourseAsync(new DeleteCourseRequest { Id = spare.Id, Version = spare.Version }).ResponseAsync);
        await AccessAssert.Denied("StartReview",
            () => editor.StartReviewAsync(new TransitionRequest { ApplicationId = submitted.Id }).ResponseAsync);
        await AccessAssert.Denied("Withdraw",
            () => editor.WithdrawAsync(new TransitionRequest { ApplicationId = submitted.Id }).ResponseAsync);
        await AccessAssert.Denied("ReportResults",
            () => editor.ReportResultsAsync(new TransitionRequest { ApplicationId = awarded.Id }).ResponseAsync);
        await AccessAssert.Denied("Settle",
            () => editor.SettleAsync(new SettleRequest { ApplicationId = reported.Id, SettledYen = 90_000 }).ResponseAsync);

        Assert.Equal(program, (await system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = program.Id })).Program);
        foreach (var application in new[] { submitted, awarded, reported })
            Assert.Equal(application,
                (await system.Subsidies.GetApplicationAsync(new GetApplicationRequest { Id = application.Id })).Application);
        Assert.Equal(held, await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = subsidy.BudgetLineId }));
    }

    [Fact]
    public async Task AnotherMunicipalitysApplicantCourseOrBudgetLineAnswersLikeAMissingOneAndCreatesNothing()
    {
        var (foreign, _, foreignApplication) = await WorldAsync(Foreign);
        var home = await KomoroSubsidy.CreateAsync(system, 1_000_000, municipality: Home);
        var applicant = (await system.Subsidies.RegisterApplicantAsync(
            new RegisterApplicantRequest { MunicipalityCode = Home, Name = $"団体 {Guid.NewGuid():N}", Kind = "NPO" })).Applicant;
        var admin = As(TestAuth.UserToken(Home, KyodoRoles.Admin));
        SubmitApplicationRequest Submit(string courseId, string applicantId) => new()
        {
            ProgramId = home.Program.Id, CourseId = courseId, ApplicantId = applicantId, FiscalYear = 2019,
            ProjectTitle = "t", ProjectKind = ProjectKind.New, RequestedYen = 1,
        };

        await AccessAssert.LikeMissing("SubmitApplication.applicant_id", foreignApplication.ApplicantId,
            id => admin.SubmitApplicationAsync(Submit(home.Challenge.Id, id)).ResponseAsync);
        await AccessAssert.LikeMissing("SubmitApplication.course_id", foreign.Challenge.Id,
            id => admin.SubmitApplicationAsync(Submit(id, applicant.Id)).ResponseAsync);

        var name = $"輸入補助金 {Guid.NewGuid():N}";
        ImportProgramRequest Import(string lineId) => new()
        {
            MunicipalityCode = Home, Name = name, Courses = { Course },
            BudgetLines = { new ProgramBudgetLine { FiscalYear = 2019, BudgetLineId = lineId } },
        };
        await AccessAssert.LikeMissing("ImportProgram.budget_lines", foreign.BudgetLineId,
            id => admin.ImportProgramAsync(Import(id)).ResponseAsync);
        // A caller that reaches every municipality may see the line, but not spend it in another municipality's program.
        var everywhere =
            As(TestAuth.SystemToken(null, KyodoScopes.Read, KyodoScopes.Write, KyodoScopes.Admin, KyodoScopes.AllMunicipalities));
        await AccessAssert.LikeMissing("ImportProgram.budget_lines (all municipalities)", foreign.BudgetLineId,
            id => everywhere.ImportProgramAsync(Import(id)).ResponseAsync);

        await using var db = system.OpenDatabase();
        Assert.False(await db.Applications.AnyAsync(a => a.ProgramId == Guid.Parse(home.Program.Id)));
        Assert.False(await db.Programs.AnyAsync(p => p.Name == name));
        Assert.Single(await db.Applications.Where(a => a.ProgramId == Guid.Parse(foreign.Program.Id)).ToListAsync());
    }

    [Fact]
    public async Task AnEditorOfTheProgramsDepartmentAwardsWithItsOwnTokenAllTheWayToTheBudget()
    {
        var (subsidy, department, application) = await WorldAsync(Home);
        var editor = As(TestAuth.UserToken(Home, KyodoRoles.Editor, department));

        var awarded = (await editor.AwardAsync(
            new AwardRequest { ApplicationId = application.Id, AmountYen = 100_000, Comment = "交付決定" })).Application;

        Assert.Equal((ApplicationStatus.Awarded, $"{KyodoRoles.Editor}@{Home}"), (awarded.Status, awarded.Transitions[^1].By));
        var reservations =
            (await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = subsidy.BudgetLineId })).Reservations;
        Assert.Equal((awarded.ReservationId, 100_000L), (reservations.Single().Id, reservations.Single().AmountYen));
    }

    [Fact]
    public async Task AnEditorMayNotSpendFromAnotherDepartmentsLine()
    {
        var (subsidy, department, _) = await WorldAsync(Home);
        var otherItem = await ItemOfAsync("福祉課");
        var otherLine = (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = Home, ItemId = otherItem.Id, FiscalYear = 2020,
            Funding = new FundingBreakdown { CostYen = 1, GeneralRevenueYen = 1 }
        })).Line;
        var editor = As(TestAuth.UserToken(Home, KyodoRoles.Editor, department));

        await AccessAssert.Denied("SetProgramBudgetLine", () => editor.SetProgramBudgetLineAsync(new SetProgramBudgetLineRequest
        { ProgramId = subsidy.Program.Id, FiscalYear = 2020, BudgetLineId = otherLine.Id }).ResponseAsync, "budget_line_id");

        Assert.Equal(subsidy.Program, (await system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = subsidy.Program.Id })).Program);
    }

    [Fact]
    public async Task AViewerWritesNothingAndAnEditorCreatesNoProgram()
    {
        var (subsidy, department, application) = await WorldAsync(Home);
        var viewer = As(TestAuth.UserToken(Home, KyodoRoles.Viewer));
        var editor = As(TestAuth.UserToken(Home, KyodoRoles.Editor, department));

        Assert.Equal(application.Id, (await viewer.GetApplicationAsync(new GetApplicationRequest { Id = application.Id })).Application.Id);
        await AccessAssert.Denied("Award",
            () => viewer.AwardAsync(new AwardRequest { ApplicationId = application.Id, AmountYen = 100_000 }).ResponseAsync, "editor");
        await AccessAssert.Denied("RegisterApplicant", () => viewer.RegisterApplicantAsync(
            new RegisterApplicantRequest { MunicipalityCode = Home, Name = "閲覧者の団体", Kind = "NPO" }).ResponseAsync);
        await AccessAssert.Denied("CreateProgram",
            () => editor.CreateProgramAsync(new CreateProgramRequest { MunicipalityCode = Home, Name = "編集者の補助金" }).ResponseAsync, "admin");

        await AssertUnchangedAsync(subsidy, application);
        await using var db = system.OpenDatabase();
        Assert.False(await db.Programs.AnyAsync(p => p.Name == "編集者の補助金"));
        Assert.False(await db.Applicants.AnyAsync(a => a.Name == "閲覧者の団体"));
    }

    [Fact]
    public void EverySubsidyRpcIsDeclaredInTheAccessTableAndNothingElseIs()
    {
        Assert.Equal(SubsidyService.Descriptor.FullName, SubsidyAccess.Table.Service);
        Assert.Equal(SubsidyService.Descriptor.Methods.Select(m => m.Name).Order(), SubsidyAccess.Table.Rules.Keys.Order());
    }
}
