using Kyodo.Budget.V1;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Tests;

// A program belongs to the departments of the budget lines it spends from, each line to its item's
// CURRENT lead. After an admin hands the item to another department, and before any write re-stamps
// the line in the budget service, the old department's editor is refused every program and
// application write and the new lead's editor may make each of them.
public sealed class ProgramFollowsItemLeadTests(SubsidySystemFixture system) : IClassFixture<SubsidySystemFixture>
{
    private const string Home = "99321";

    private static readonly CourseInput Special = new() { Name = "特別", CapYen = 10_000, AcceptsNewProjects = true };

    private SubsidyService.SubsidyServiceClient Editor(Guid department) =>
        new(system.Subsidy.ChannelAs(TestAuth.UserToken(Home, KyodoRoles.Editor, [department])));

    /// <summary>企画課's program with a spare course and an application in each state a step starts from; then 企画課's item is handed to
    /// 財政課.</summary>
    private sealed record World(KomoroSubsidy Subsidy, Kyodo.Subsidy.V1.Program Program, BudgetLine Line, Guid OldLead, Guid NewLead,
        Course Spare,
        Kyodo.Subsidy.V1.Application Submitted, Kyodo.Subsidy.V1.Application ToWithdraw, Kyodo.Subsidy.V1.Application UnderReview,
        Kyodo.Subsidy.V1.Application ToAward, Kyodo.Subsidy.V1.Application Awarded, Kyodo.Subsidy.V1.Application Reported);

    private async Task<World> WorldAsync()
    {
        var subsidy = await KomoroSubsidy.CreateAsync(system, 2_000_000, municipality: Home);
        var spare =
            (await system.Subsidies.CreateCourseAsync(new CreateCourseRequest { ProgramId = subsidy.Program.Id, Course = Special })).Course;
        var submitted = await subsidy.ApplyAsync(system, subsidy.Challenge, 100_000);
        var toWithdraw = await subsidy.ApplyAsync(system, subsidy.Challenge, 100_000);
        var underReview = await subsidy.ApplyAndReviewAsync(system, subsidy.Challenge, 100_000);
        var toAward = await subsidy.ApplyAndReviewAsync(system, subsidy.Challenge, 100_000);
        var awarded = await subsidy.AwardedAsync(system, subsidy.Challenge, 100_000);
        var reported = await subsidy.AwardedAsync(system, subsidy.Challenge, 100_000, reported: true);

        var line = (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = subsidy.BudgetLineId })).Line;
        var item = (await system.Plans.GetItemAsync(new GetItemRequest { Id = line.ItemId })).Item;
        var fields = item.Fields.Clone();
        fields.Departments.Clear();
        fields.Departments.Add("財政課");
        var admin = new PlanService.PlanServiceClient(system.Plan.ChannelAs(TestAuth.UserToken(Home, KyodoRoles.Admin)));
        var moved = (await admin.UpdateItemAsync(new UpdateItemRequest
        {
            Id = item.Id, Version = item.Version, Fields = fields,
            Placements = { item.Placements.Select(p => new PlacementInput { NodeId = p.NodeId, Code = p.Code, Primary = p.Primary }) },
        })).Item;

        await system.ItemRecordedAsync(moved); // past the consistency window

        // The budget service still has the line stamped with 企画課: only a write re-stamps it.
        line = (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = subsidy.BudgetLineId })).Line;
        Assert.Equal("企画課", line.Department.Name);
        var program = (await system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = subsidy.Program.Id })).Program;
        return new World(subsidy, program, line, Guid.Parse(line.Department.Id), Guid.Parse(moved.Departments[0].Id), spare,
            submitted, toWithdraw, underReview, toAward, awarded, reported);
    }

    private async Task<Kyodo.Subsidy.V1.Application> ApplicationAsync(Kyodo.Subsidy.V1.Application application) =>
        (await system.Subsidies.GetApplicationAsync(new GetApplicationRequest { Id = application.Id })).Application;

    [Fact]
    public async Task TheOldDepartmentsEditorIsRefusedEveryProgramAndApplicationWriteAndNothingChanges()
    {
        var w = await WorldAsync();
        var old = Editor(w.OldLead);
        var held = await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = w.Line.Id });

        await AccessAssert.Denied("UpdateProgram", () =>
            old.UpdateProgramAsync(new UpdateProgramRequest { Id = w.Program.Id, Version = w.Program.Version, Name = "改名" }).ResponseAsync);
        await AccessAssert.Denied("DeleteProgram",
            () => old.DeleteProgramAsync(new DeleteProgramRequest { Id = w.Program.Id, Version = w.Program.Version }).ResponseAsync);
        await AccessAssert.Denied("SetProgramBudgetLine", () => old.SetProgramBudgetLineAsync(new SetProgramBudgetLineRequest
        { ProgramId = w.Program.Id, FiscalYear = 2019, BudgetLineId = w.Line.Id }).ResponseAsync);
        await AccessAssert.Denied("CreateCourse", () => old.CreateCourseAsync(
            new CreateCourseRequest { ProgramId = w.Program.Id, Course = new CourseInput(Special) { Name = "追加" } }).ResponseAsync);
        await AccessAssert.Denied("UpdateCourse", () => old.UpdateCourseAsync(new UpdateCourseRequest
        { Id = w.Spare.Id, Version = w.Spare.Version, Course = new CourseInput(Special) { CapYen = 20_000 } }).ResponseAsync);
        await AccessAssert.Denied("DeleteCourse",
            () => old.DeleteCourseAsync(new DeleteCourseRequest { Id = w.Spare.Id, Version = w.Spare.Version }).ResponseAsync);
        await AccessAssert.Denied("SubmitApplication", () => old.SubmitApplicationAsync(new SubmitApplicationRequest
        {
            ProgramId = w.Program.Id, CourseId = w.Subsidy.StepUp.Id, ApplicantId = w.Submitted.ApplicantId, FiscalYear = 2019,
            ProjectTitle = "t", ProjectKind = ProjectKind.New, RequestedYen = 1,
        }).ResponseAsync);
        await AccessAssert.Denied("StartReview",
            () => old.StartReviewAsync(new TransitionRequest { ApplicationId = w.Submitted.Id }).ResponseAsync);
        await AccessAssert.Denied("Withdraw",
            () => old.WithdrawAsync(new TransitionRequest { ApplicationId = w.ToWithdraw.Id }).ResponseAsync);
        await AccessAssert.Denied("Reject",
            () => old.RejectAsync(new TransitionRequest { ApplicationId = w.UnderReview.Id }).ResponseAsync);
        await AccessAssert.Denied("Award",
            () => old.AwardAsync(new AwardRequest { ApplicationId = w.ToAward.Id, AmountYen = 100_000 }).ResponseAsync);
        await AccessAssert.Denied("ReportResults",
            () => old.ReportResultsAsync(new TransitionRequest { ApplicationId = w.Awarded.Id }).ResponseAsync);
        await AccessAssert.Denied("Settle",
            () => old.SettleAsync(new SettleRequest { ApplicationId = w.Reported.Id, SettledYen = 90_000 }).ResponseAsync);

        Assert.Equal(w.Program, (await system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = w.Program.Id })).Program);
        foreach (var application in new[] { w.Submitted, w.ToWithdraw, w.UnderReview, w.ToAward, w.Awarded, w.Reported })
            Assert.Equal(application, await ApplicationAsync(application));
        await using var db = system.OpenDatabase();
        Assert.Equal(6, await db.Applications.CountAsync(a => a.ProgramId == Guid.Parse(w.Program.Id)));
        Assert.Equal(held, await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = w.Line.Id }));
        Assert.Equal(w.Line, (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = w.Line.Id })).Line);
    }

    [Fact]
    public async Task TheNewLeadsEditorMakesEveryProgramAndApplicationWrite()
    {
        var w = await WorldAsync();
        var editor = Editor(w.NewLead);
        var by = $"{KyodoRoles.Editor}@{Home}";

        // Writes that never reach the budget service: decided on the item's lead now, not the line's stamp.
        Assert.Equal("改名", (await editor.UpdateProgramAsync(
            new UpdateProgramRequest { Id = w.Program.Id, Version = w.Program.Version, Name = "改名" })).Program.Name);
        var added = (await editor.CreateCourseAsync(
            new CreateCourseRequest { ProgramId = w.Program.Id, Course = new CourseInput(Special) { Name = "追加" } })).Course;
        Assert.Equal(20_000, (await editor.UpdateCourseAsync(new UpdateCourseRequest
        { Id = w.Spare.Id, Version = w.Spare.Version, Course = new CourseInput(Special) { CapYen = 20_000 } })).Course.CapYen);
        await editor.DeleteCourseAsync(new DeleteCourseRequest { Id = added.Id, Version = added.Version });
        var submitted = (await editor.SubmitApplicationAsync(new SubmitApplicationRequest
        {
            ProgramId = w.Program.Id, CourseId = w.Subsidy.StepUp.Id, ApplicantId = w.Submitted.ApplicantId, FiscalYear = 2019,
            ProjectTitle = "地域の見守り活動", ProjectKind = ProjectKind.New, RequestedYen = 1,
        })).Application;
        var steps = new[]
        {
            (await editor.StartReviewAsync(new TransitionRequest { ApplicationId = w.Submitted.Id })).Application,
            (await editor.WithdrawAsync(new TransitionRequest { ApplicationId = w.ToWithdraw.Id })).Application,
            (await editor.RejectAsync(new TransitionRequest { ApplicationId = w.UnderReview.Id })).Application,
            (await editor.ReportResultsAsync(new TransitionRequest { ApplicationId = w.Awarded.Id })).Application,
            // And the two that reserve and commit money, which the budget service checks again.
            (await editor.AwardAsync(new AwardRequest { ApplicationId = w.ToAward.Id, AmountYen = 100_000 })).Application,
            (await editor.SettleAsync(new SettleRequest { ApplicationId = w.Reported.Id, SettledYen = 90_000 })).Application,
        };

        Assert.Equal((ApplicationStatus.Submitted, by), (submitted.Status, submitted.Transitions[^1].By));
        Assert.Equal(
            [ApplicationStatus.UnderReview, ApplicationStatus.Withdrawn, ApplicationStatus.Rejected, ApplicationStatus.Reported,
                ApplicationStatus.Awarded, ApplicationStatus.Settled],
            steps.Select(a => a.Status));
        Assert.All(steps, a => Assert.Equal(by, a.Transitions[^1].By));
        var program = (await system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = w.Program.Id })).Program;
        Assert.Equal(["ステップアップ", "チャレンジ", "特別"], program.Courses.Select(c => c.Name).Order(StringComparer.Ordinal));
        var held = await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = w.Line.Id });
        Assert.Equal((3, 200_000L, 90_000L), (held.Reservations.Count, held.ReservedYen, held.CommittedYen));
        // The award's reservation was the line's first editor write since the move: it re-stamped the line.
        Assert.Equal(w.NewLead.ToString(),
            (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = w.Line.Id })).Line.Department.Id);
    }
}
