using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Subsidy.V1;

namespace Kyodo.Subsidy.Tests;

/// <summary>
/// 小諸市 市民活動促進事業補助金 (seed 001) set up through the three services: a plan item with
/// a FY budget line of <c>budgetYen</c>, the program with its two courses (チャレンジ cap
/// ¥200,000 and ステップアップ cap ¥150,000, each once per group), linked to that line.
/// </summary>
internal sealed record KomoroSubsidy(Kyodo.Subsidy.V1.Program Program, Course Challenge, Course StepUp, string BudgetLineId,
    string Municipality)
{
    public static async Task<KomoroSubsidy> CreateAsync(ISubsidySystem system, long budgetYen, int fiscalYear = 2019,
        string municipality = "20208")
    {
        var plan = (await system.Plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = municipality, Name = "小諸市" },
            Name = $"小諸市 実施計画 {Guid.NewGuid():N}", StartFiscalYear = "2018", EndFiscalYear = "2021",
        })).Plan;
        var node = (await system.Plans.CreateNodeAsync(
            new CreateNodeRequest { PlanId = plan.Id, LevelName = "施策", Code = "6-1", Title = "協働によるまちづくりを推進します" })).Node;
        var item = (await system.Plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id, Fields = new ItemFields { Title = "市民活動支援事業", Departments = { "企画課" } },
            Placements = { new PlacementInput { NodeId = node.Id, Primary = true } },
        })).Item;
        var line = (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = municipality, ItemId = item.Id, FiscalYear = fiscalYear,
            Funding = new FundingBreakdown { CostYen = budgetYen, GeneralRevenueYen = budgetYen },
        })).Line;

        var program = (await system.Subsidies.CreateProgramAsync(new CreateProgramRequest
        {
            MunicipalityCode = municipality,
            Name = $"市民活動促進事業補助金 {Guid.NewGuid():N}",
            Description = "市民活動を始めて行う団体の活動の後押しを目的とした補助金制度",
            Courses =
            {
                new CourseInput { Name = "チャレンジ", CapYen = 200_000, OncePerApplicant = true, AcceptsNewProjects = true },
                new CourseInput { Name = "ステップアップ", CapYen = 150_000, OncePerApplicant = true, AcceptsNewProjects = true,
                    AcceptsContinuingProjects = true },
            },
        })).Program;
        program = (await system.Subsidies.SetProgramBudgetLineAsync(new SetProgramBudgetLineRequest
        {
            ProgramId = program.Id, FiscalYear = fiscalYear, BudgetLineId = line.Id,
        })).Program;
        return new KomoroSubsidy(program, program.Courses.Single(c => c.Name == "チャレンジ"), program.Courses.Single(c => c.Name == "ステップアップ"),
            line.Id, municipality);
    }

    /// <summary>Registers a group (unless given) and has it apply: a submitted application.</summary>
    public async Task<Application> ApplyAsync(ISubsidySystem system, Course course, long requestedYen, int fiscalYear = 2019,
        string? applicantId = null)
    {
        applicantId ??= (await system.Subsidies.RegisterApplicantAsync(new RegisterApplicantRequest
        {
            MunicipalityCode = Municipality, Name = $"市民活動団体 {Guid.NewGuid():N}", Kind = "市民活動団体",
        })).Applicant.Id;
        return (await system.Subsidies.SubmitApplicationAsync(new SubmitApplicationRequest
        {
            ProgramId = Program.Id, CourseId = course.Id, FiscalYear = fiscalYear, ApplicantId = applicantId,
            ProjectTitle = "地域の見守り活動", ProjectKind = ProjectKind.New, RequestedYen = requestedYen,
        })).Application;
    }

    /// <summary>Registers a group and has it apply; the application is then put under review.</summary>
    public async Task<Application> ApplyAndReviewAsync(ISubsidySystem system, Course course, long requestedYen, int fiscalYear = 2019,
        string? applicantId = null)
    {
        var submitted = await ApplyAsync(system, course, requestedYen, fiscalYear, applicantId);
        return (await system.Subsidies.StartReviewAsync(
            new TransitionRequest { ApplicationId = submitted.Id, Comment = "書類審査" })).Application;
    }

    /// <summary>An application awarded in full (money reserved on the program's line) and, when <paramref name="reported"/>, with its
    /// results reported.</summary>
    public async Task<Application> AwardedAsync(ISubsidySystem system, Course course, long yen, bool reported = false)
    {
        var reviewed = await ApplyAndReviewAsync(system, course, yen);
        var awarded = (await system.Subsidies.AwardAsync(new AwardRequest { ApplicationId = reviewed.Id, AmountYen = yen })).Application;
        return reported ? (await system.Subsidies.ReportResultsAsync(new TransitionRequest { ApplicationId = awarded.Id })).Application
            : awarded;
    }
}
