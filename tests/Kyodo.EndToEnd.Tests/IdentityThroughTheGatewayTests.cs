using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;

namespace Kyodo.EndToEnd.Tests;

// A caller's token travels client → gateway → service → the services that one calls, and each
// service decides with that same caller's rights.
public sealed class IdentityThroughTheGatewayTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private const string City = "99501";

    [Fact]
    public async Task ACallWithoutATokenIsUnauthenticatedBehindTheGateway()
    {
        var anonymous = new PlanService.PlanServiceClient(system.Gateway.ChannelAs(null));
        await RpcAssert.FailsWith(StatusCode.Unauthenticated,
            () => anonymous.ListPlansAsync(new ListPlansRequest { MunicipalityCode = City }).ResponseAsync);
    }

    [Fact]
    public async Task AnEditorsAwardReservesMoneyWithTheEditorsIdentityThroughEveryHop()
    {
        var admin = system.Gateway.ChannelAs(TestAuth.UserToken(City, KyodoRoles.Admin));
        var plans = new PlanService.PlanServiceClient(admin);
        var plan = (await plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = City, Name = "協働市" }, Name = "協働推進計画", StartFiscalYear = "2019",
            EndFiscalYear = "2021"
        })).Plan;
        var node =
            (await plans.CreateNodeAsync(new CreateNodeRequest { PlanId = plan.Id, LevelName = "施策", Code = "1", Title = "協働" })).Node;
        var item = (await plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id, Fields = new ItemFields { Title = "市民活動支援事業", Departments = { "企画課" } },
            Placements = { new PlacementInput { NodeId = node.Id, Primary = true } },
        })).Item;
        var editor = system.Gateway.ChannelAs(TestAuth.UserToken(City, KyodoRoles.Editor, Guid.Parse(item.Departments[0].Id)));

        // budget → plan with the editor's token.
        var line = (await new BudgetService.BudgetServiceClient(editor).CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = City, ItemId = item.Id, FiscalYear = 2019,
            Funding = new FundingBreakdown { CostYen = 500_000, GeneralRevenueYen = 500_000 }
        })).Line;
        var subsidiesAsAdmin = new SubsidyService.SubsidyServiceClient(admin);
        var program = (await subsidiesAsAdmin.CreateProgramAsync(new CreateProgramRequest
        {
            MunicipalityCode = City, Name = "市民活動促進事業補助金",
            Courses = { new CourseInput { Name = "チャレンジ", CapYen = 200_000, AcceptsNewProjects = true } }
        })).Program;
        await subsidiesAsAdmin.SetProgramBudgetLineAsync(
            new SetProgramBudgetLineRequest { ProgramId = program.Id, FiscalYear = 2019, BudgetLineId = line.Id });

        var subsidies = new SubsidyService.SubsidyServiceClient(editor);
        var applicant = (await subsidies.RegisterApplicantAsync(
            new RegisterApplicantRequest { MunicipalityCode = City, Name = "見守りの会", Kind = "市民活動団体" })).Applicant;
        var application = (await subsidies.SubmitApplicationAsync(new SubmitApplicationRequest
        {
            ProgramId = program.Id, CourseId = program.Courses[0].Id, ApplicantId = applicant.Id, FiscalYear = 2019,
            ProjectTitle = "地域の見守り活動", ProjectKind = ProjectKind.New, RequestedYen = 150_000,
        })).Application;
        await subsidies.StartReviewAsync(new TransitionRequest { ApplicationId = application.Id });
        // subsidy → budget with the editor's token.
        var awarded = (await subsidies.AwardAsync(new AwardRequest { ApplicationId = application.Id, AmountYen = 150_000 })).Application;

        Assert.All(awarded.Transitions, t => Assert.Equal($"{KyodoRoles.Editor}@{City}", t.By));
        var reserved =
            await new BudgetService.BudgetServiceClient(editor).GetReservationsAsync(new GetReservationsRequest { BudgetLineId = line.Id });
        Assert.Equal((150_000L, 350_000L), (reserved.ReservedYen, reserved.AvailableYen));
    }
}
