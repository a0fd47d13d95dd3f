using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Subsidy.V1;

namespace Kyodo.EndToEnd.Tests;

/// <summary>The municipality the rebuild tests write through the gateway.</summary>
public sealed partial class ReportingRebuildTests
{
    private sealed record Written(Item ItemWithIndicator, Guid DeletedItemId, Guid DeletedLineId, (Guid ItemId, Guid NodeId) DeletedPlan,
        Func<ReadModelSnapshot, bool> AllConsumed);

    /// <summary>
    /// A municipality with a bit of everything, written through the gateway: a plan with a measure and
    /// a sub-measure, a renamed department, items (one re-listed, one with a schedule whose middle
    /// row is empty, one with an indicator whose actual and target changed, one deleted), budget
    /// lines (one revised to 補正 1, one deleted), a program with courses and a line, three
    /// applications (one awarded, one settled, one rejected) and a priority goal; and a deleted plan
    /// with a node, an item and a line of that item (the line stays in the budget service).
    /// </summary>
    private async Task<Written> WriteAMunicipalityAsync(string code = Karuizawa)
    {
        var plan = (await Plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = code, Name = "軽井沢町" },
            Name = "協働推進プラン", StartFiscalYear = "令和2年度", EndFiscalYear = "R6",
        })).Plan;
        var measure = (await Plans.CreateNodeAsync(
            new CreateNodeRequest { PlanId = plan.Id, LevelName = "推進方針", Code = "Ⅱ", Title = "協働の担い手を育てます" })).Node;
        var sub = (await Plans.CreateNodeAsync(
            new CreateNodeRequest { PlanId = plan.Id, ParentId = measure.Id, LevelName = "推進施策", Code = "(3)", Title = "市民活動の支援" })).Node;
        var spare = (await Plans.CreateDepartmentAsync(new CreateDepartmentRequest { MunicipalityCode = code, Name = "総務課" })).Department;
        await Plans.UpdateDepartmentAsync(new UpdateDepartmentRequest { Id = spare.Id, Name = "総務部総務課" });

        var relisted = (await Plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id,
            Fields = new ItemFields
            {
                Title = "協働のまちづくり研修", Novelty = ItemNovelty.Continuing, Departments = { "協働推進課", "企画課" },
                ImplementingBodies = { "行政", "市民" }, TargetStakeholders = { Stakeholder.Citizens, Stakeholder.Other },
                TargetOther = "小学4年生",
                Purpose = "協働の意識を高める", Rank = new RankWithinMeasure { Rank = 1, Of = 3 }, MayoralPledge = MayoralPledge.Partly,
                YearlyGoals = { new YearlyGoalInput { FiscalYear = "R3", Text = "年2回開催" } },
            },
            Placements = { new PlacementInput { NodeId = sub.Id, Code = "④", Primary = true },
                new PlacementInput { NodeId = measure.Id, Code = "①" } },
            Schedule =
            {
                new ScheduleRowInput { Label = "・研修", Cells = { new ScheduleCellInput { FiscalYear = "R2", Text = "検討・実施" },
                    new ScheduleCellInput { FiscalYear = "R3", Text = "→" } } },
                new ScheduleRowInput { Label = "・空行" },
                new ScheduleRowInput { Label = "・啓発", Cells = { new ScheduleCellInput { FiscalYear = "R4", Text = "実施・完了予定" } } },
            },
        })).Item;
        var measured = (await Plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id,
            Fields = new ItemFields { Title = "市民活動団体の登録", Departments = { "協働推進課" } },
            Placements = { new PlacementInput { NodeId = sub.Id, Code = "⑤", Primary = true } },
            Indicators =
            {
                new IndicatorInput
                {
                    Kind = IndicatorKind.Outcome, Name = "登録団体数", Unit = "団体", Direction = IndicatorDirection.HigherIsBetter,
                    BaselineValue = "8", BaselineFiscalYear = "R1",
                    Targets = { new YearValueInput { FiscalYear = "R2", Value = "10" },
                        new YearValueInput { FiscalYear = "R3", Value = "12.5" } },
                },
            },
        })).Item;
        var indicatorId = measured.Indicators[0].Id;
        var recorded = await Plans.RecordActualAsync(
            new RecordActualRequest { IndicatorId = indicatorId, FiscalYear = "R2", Value = "11", ItemVersion = measured.Version });
        await Plans.ReviseTargetAsync(new ReviseTargetRequest
        {
            IndicatorId = indicatorId, FiscalYear = "R3", Value = "13",
            Reason = "実績を踏まえ上方修正", ItemVersion = recorded.ItemVersion
        });
        measured = (await Plans.GetItemAsync(new GetItemRequest { Id = measured.Id })).Item;
        var doomedItem = (await Plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id, Fields = new ItemFields { Title = "廃止した事業", Departments = { "企画課" } },
            Placements = { new PlacementInput { NodeId = measure.Id, Code = "②", Primary = true } },
        })).Item;
        await Plans.DeleteItemAsync(new DeleteItemRequest { Id = doomedItem.Id, Version = doomedItem.Version });

        var line = await KomoroLine.CreateAndReviseAsync(Budgets, code, relisted.Id, 2021);
        var subsidyLine = (await Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = code, ItemId = measured.Id, FiscalYear = 2021,
            Funding = new FundingBreakdown { CostYen = 1_000_000, GeneralRevenueYen = 1_000_000 },
        })).Line;
        var doomedLine = (await Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = code, ItemId = measured.Id, FiscalYear = 2022,
            Funding = new FundingBreakdown { CostYen = 5_000, GeneralRevenueYen = 5_000 },
        })).Line;
        await Budgets.DeleteBudgetLineAsync(new DeleteBudgetLineRequest { Id = doomedLine.Id, Version = doomedLine.Version });

        var program = (await Subsidies.CreateProgramAsync(new CreateProgramRequest
        {
            MunicipalityCode = code, Name = "まちづくり活動補助金", Description = "市民活動を始める団体の後押し",
            Courses =
            {
                new CourseInput { Name = "チャレンジ", CapYen = 200_000, OncePerApplicant = true, AcceptsNewProjects = true },
                new CourseInput { Name = "ステップアップ", CapYen = 150_000, RoundsPerYear = 0, AcceptsContinuingProjects = true },
            },
        })).Program;
        program = (await Subsidies.SetProgramBudgetLineAsync(
            new SetProgramBudgetLineRequest { ProgramId = program.Id, FiscalYear = 2021, BudgetLineId = subsidyLine.Id })).Program;
        var challenge = program.Courses.Single(c => c.Name == "チャレンジ");
        var awarded = await ApplyAndReviewAsync(code, program, challenge, "見守り活動", 180_000);
        await Subsidies.AwardAsync(new AwardRequest { ApplicationId = awarded.Id, AmountYen = 150_000, Comment = "交付決定" });
        var rejected = await ApplyAndReviewAsync(code, program, challenge, "花壇づくり", 90_000);
        await Subsidies.RejectAsync(new TransitionRequest { ApplicationId = rejected.Id, Comment = "対象外" });
        var settled = await ApplyAndReviewAsync(code, program, challenge, "子ども食堂", 100_000);
        await Subsidies.AwardAsync(new AwardRequest { ApplicationId = settled.Id, AmountYen = 100_000, Comment = "交付決定" });
        await Subsidies.ReportResultsAsync(new TransitionRequest { ApplicationId = settled.Id, Comment = "実績報告" });
        await Subsidies.SettleAsync(new SettleRequest { ApplicationId = settled.Id, SettledYen = 80_000, Comment = "額の確定" });

        var doomedPlan = (await Plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = code, Name = "軽井沢町" },
            Name = "旧協働推進プラン", StartFiscalYear = "令和2年度", EndFiscalYear = "R4",
        })).Plan;
        var doomedNode = (await Plans.CreateNodeAsync(
            new CreateNodeRequest { PlanId = doomedPlan.Id, LevelName = "推進方針", Code = "Ⅰ", Title = "旧方針" })).Node;
        var doomedPlanItem = (await Plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = doomedPlan.Id, Fields = new ItemFields { Title = "旧計画の事業", Departments = { "企画課" } },
            Placements = { new PlacementInput { NodeId = doomedNode.Id, Code = "①", Primary = true } },
            Schedule = { new ScheduleRowInput { Cells = { new ScheduleCellInput { FiscalYear = "R3", Text = "実施" } } } },
        })).Item;
        var doomedPlanLine = (await Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = code, ItemId = doomedPlanItem.Id, FiscalYear = 2021,
            Funding = new FundingBreakdown { CostYen = 3_000_000, GeneralRevenueYen = 3_000_000 },
        })).Line;
        var doomedVersion = (await Plans.GetPlanAsync(new GetPlanRequest { Id = doomedPlan.Id })).Plan.Version;
        await Plans.DeletePlanAsync(new DeletePlanRequest { Id = doomedPlan.Id, Version = doomedVersion });

        await Plans.CreatePriorityGoalAsync(new CreatePriorityGoalRequest
        {
            Goal = new PriorityGoalInput
            {
                MunicipalityCode = code, Department = "協働推進課", FiscalYear = "R3", Position = 1, Title = "協働の担い手づくり",
                Items = { new PriorityGoalItem { Number = "①", Text = "研修の開催", Target = "年2回以上" } },
            },
        });

        // Consumed: every record is there at the revision its service now holds.
        var expected = new Dictionary<Guid, int>
        {
            [Guid.Parse(relisted.Id)] = relisted.Revision,
            [Guid.Parse(measured.Id)] = measured.Revision,
            [Guid.Parse(doomedItem.Id)] = doomedItem.Revision + 1,
            // its own revision: its plan's deletion marks it deleted with the plan
            [Guid.Parse(doomedPlanItem.Id)] = doomedPlanItem.Revision,
        };
        var lineRevisions = new Dictionary<Guid, int>
        {
            [Guid.Parse(line.Id)] = 2, [Guid.Parse(subsidyLine.Id)] = 1, [Guid.Parse(doomedLine.Id)] = 2,
            [Guid.Parse(doomedPlanLine.Id)] = 1,
        };
        bool allConsumed(ReadModelSnapshot s) =>
            expected.All(e => s.Items.Any(r => r.Id == e.Key && r.Revision == e.Value))
            && lineRevisions.All(e => s.BudgetLines.Any(r => r.Id == e.Key && r.Revision == e.Value))
            && s.Applications.Count(r => r.Revision == 3) == 2 && s.Applications.Count(r => r.Revision == 5) == 1
            && s.Reservations.Count(r => r.Revision == 1) == 1 && s.Reservations.Count(r => r.Revision == 2) == 1
            && s.Departments.Any(r => r.Id == Guid.Parse(spare.Id) && r.Revision == 2)
            && s.PriorityGoals.Count == 1 && s.Plans.Count == 2 && s.Plans.Any(r => r.Id == Guid.Parse(doomedPlan.Id) && r.Deleted)
            && s.Items.Any(r => r.Id == Guid.Parse(doomedPlanItem.Id) && r.Deleted)
            && s.Nodes.Count == 3 && s.Nodes.Any(r => r.Id == Guid.Parse(doomedNode.Id) && r.Deleted)
            && s.SubsidyPrograms.Any(r => r.Revision == program.Revision);
        return new Written(measured, Guid.Parse(doomedItem.Id), Guid.Parse(doomedLine.Id),
            (Guid.Parse(doomedPlanItem.Id), Guid.Parse(doomedNode.Id)), allConsumed);
    }

    private async Task<Application> ApplyAndReviewAsync(string code, Kyodo.Subsidy.V1.Program program, Course course, string title,
        long requestedYen)
    {
        var applicant = (await Subsidies.RegisterApplicantAsync(new RegisterApplicantRequest
        {
            MunicipalityCode = code, Name = $"{title}の会", Kind = "市民活動団体",
        })).Applicant;
        var submitted = (await Subsidies.SubmitApplicationAsync(new SubmitApplicationRequest
        {
            ProgramId = program.Id, CourseId = course.Id, FiscalYear = 2021, ApplicantId = applicant.Id,
            ProjectTitle = title, ProjectKind = ProjectKind.New, RequestedYen = requestedYen,
        })).Application;
        return (await Subsidies.StartReviewAsync(new TransitionRequest { ApplicationId = submitted.Id, Comment = "書類審査" })).Application;
    }
}
