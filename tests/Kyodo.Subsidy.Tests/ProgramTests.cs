using Grpc.Core;
using Kyodo.Contracts.Subsidy;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;

namespace Kyodo.Subsidy.Tests;

public sealed class ProgramTests(SubsidySystemFixture system) : IClassFixture<SubsidySystemFixture>
{
    [Fact]
    public async Task AProgramWithItsCoursesAndBudgetLineIsStoredAndAnnounced()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 7_320_000);

        var read = (await system.Subsidies.GetProgramAsync(new GetProgramRequest { Id = komoro.Program.Id })).Program;

        Assert.Equal([("ステップアップ", 150_000L, true), ("チャレンジ", 200_000L, true)],
            read.Courses.Select(c => (c.Name, c.CapYen, c.OncePerApplicant)).OrderBy(c => c.Name, StringComparer.Ordinal));
        Assert.Equal((2019, komoro.BudgetLineId), (read.BudgetLines.Single().FiscalYear, read.BudgetLines.Single().BudgetLineId));
        var (changed, _) =
            await system.Events.WaitForAsync<SubsidyProgramChanged>(e => e.ProgramId == Guid.Parse(read.Id) && e.BudgetLines.Count == 1);
        Assert.Equal(2, changed.Courses.Count);
    }

    [Fact]
    public async Task DuplicateNamesAreAlreadyExistsAndABudgetLineOfAnotherMunicipalityIsNotFound()
    {
        var komoro = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000);
        var ueda = await KomoroSubsidy.CreateAsync(system, budgetYen: 1_000_000, municipality: "20203");

        await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => system.Subsidies.CreateProgramAsync(new CreateProgramRequest
        {
            MunicipalityCode = "20208", Name = komoro.Program.Name,
        }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => system.Subsidies.CreateCourseAsync(new CreateCourseRequest
        {
            ProgramId = komoro.Program.Id, Course = new CourseInput { Name = "チャレンジ", CapYen = 1, AcceptsNewProjects = true },
        }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => system.Subsidies.SetProgramBudgetLineAsync(new SetProgramBudgetLineRequest
        {
            ProgramId = komoro.Program.Id, FiscalYear = 2020, BudgetLineId = ueda.BudgetLineId,
        }).ResponseAsync);
    }

    [Fact]
    public async Task ApplicationsFollowTheCoursesRoundsAndProjectKinds()
    {
        // わがまち魅力アップ応援事業 (上田市, seed 002): 年3回募集, new and continuing projects.
        var program = (await system.Subsidies.CreateProgramAsync(new CreateProgramRequest
        {
            MunicipalityCode = "20203",
            Name = $"わがまち魅力アップ応援事業 {Guid.NewGuid():N}",
            Courses = { new CourseInput { Name = "一般", CapYen = 1_000_000, RoundsPerYear = 3, AcceptsNewProjects = true,
                AcceptsContinuingProjects = true } },
        })).Program;
        var group = (await system.Subsidies.RegisterApplicantAsync(
            new RegisterApplicantRequest { MunicipalityCode = "20203", Name = $"塩田地域協議会 {Guid.NewGuid():N}", Kind = "住民自治組織" })).Applicant;
        SubmitApplicationRequest Submit(int round) => new()
        {
            ProgramId = program.Id, CourseId = program.Courses[0].Id, FiscalYear = 2017, Round = round, ApplicantId = group.Id,
            ProjectTitle = "地域の魅力発信", ProjectKind = ProjectKind.Continuing, RequestedYen = 400_000,
        };

        var third = (await system.Subsidies.SubmitApplicationAsync(Submit(3))).Application;
        var fourth =
            await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => system.Subsidies.SubmitApplicationAsync(Submit(4)).ResponseAsync);

        Assert.Equal((3, ApplicationStatus.Submitted), (third.Round, third.Status));
        Assert.Contains("1 to 3", RpcAssert.FieldViolations(fourth)["round"]);
        var listed = (await system.Subsidies.ListApplicationsAsync(
            new ListApplicationsRequest { MunicipalityCode = "20203", ProgramId = program.Id, Round = 3 })).Applications;
        Assert.Equal(third.Id, listed.Single().Id);
    }
}
