using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Reporting;
using Kyodo.Reporting.ReadModels;
using Kyodo.Reporting.Rebuild;
using Kyodo.Reporting.V1;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// The reporting rebuild (issue 6): read models rebuilt from the services' list APIs equal the ones
/// the events built, and events after a rebuild keep applying.
/// </summary>
public sealed class ReportingRebuildTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private const string Karuizawa = "20321";

    private PlanService.PlanServiceClient Plans => new(system.Gateway.Channel);
    private ReportingService.ReportingServiceClient Reports => new(system.Gateway.Channel);
    private BudgetService.BudgetServiceClient Budgets => new(system.Gateway.Channel);
    private SubsidyService.SubsidyServiceClient Subsidies => new(system.Gateway.Channel);

    [Fact]
    public async Task WipedReadModelsRebuiltFromTheListsEqualWhatTheEventsBuiltAndLaterEventsStillApply()
    {
        var written = await WriteAMunicipalityAsync();
        var snapshots = new ReadModelSnapshots(system.Reporting.Services, Karuizawa);
        var incremental = await snapshots.WhenSettledAsync(written.AllConsumed);
        var summary = await SummaryAsync(Karuizawa);
        AssertSummaryCountsOnlyTheLivePlan(summary);

        await snapshots.WipeAsync();
        Assert.True((await snapshots.TakeAsync()).IsEmpty);
        var rebuiltAt = DateTimeOffset.UtcNow;
        var counts = await RebuildAsync(Karuizawa);
        var rebuilt = await snapshots.TakeAsync();

        Assert.Equal((1, 2, 2, 3, 1, 1), (counts.Plans, counts.Nodes, counts.Items, counts.BudgetLines, counts.SubsidyPrograms, counts.PriorityGoals));
        Assert.Equal((3, 2), (counts.Applications, counts.Reservations));
        Assert.Equal(0, counts.Tombstoned); // the wiped tables had nothing left to tombstone
        // Every live row is equal column by column (revisions and snapshots included); the times of
        // kinds whose services keep no change time are the rebuild's own, checked apart below.
        ReadModelSnapshots.AssertLiveRowsEqual(incremental, rebuilt);
        Assert.All(rebuilt.TimelessRows, row => Assert.InRange(row.AsOf, rebuiltAt.AddSeconds(-1), DateTimeOffset.UtcNow));
        // The deleted item and line, and the deleted plan's items and nodes, were tombstones; after a
        // wipe nothing of them comes back (incrementally the plan's deletion tombstoned its contents
        // too, so the live rows above agree).
        Assert.DoesNotContain(rebuilt.Items, r => r.Id == written.DeletedItemId);
        Assert.DoesNotContain(rebuilt.BudgetLines, r => r.Id == written.DeletedLineId);
        Assert.DoesNotContain(rebuilt.Items, r => r.Id == written.DeletedPlan.ItemId);
        Assert.DoesNotContain(rebuilt.Nodes, r => r.Id == written.DeletedPlan.NodeId);
        // The report reads the same; only its freshness moved (departments and programs are dated by the rebuild).
        Assert.Equal(summary.Tables, (await SummaryAsync(Karuizawa)).Tables);

        // An event after the rebuild applies on top of the rebuilt revision.
        var indicator = written.ItemWithIndicator.Indicators[0];
        await Plans.RecordActualAsync(new RecordActualRequest { IndicatorId = indicator.Id, FiscalYear = "2021", Value = "14", ItemVersion = written.ItemWithIndicator.Version });
        var after = (await Plans.GetItemAsync(new GetItemRequest { Id = written.ItemWithIndicator.Id })).Item;
        var updated = await snapshots.WhenSettledAsync(s => s.Items.Any(r => r.Id == Guid.Parse(after.Id) && r.Revision == after.Revision));
        var row = updated.Items.Single(r => r.Id == Guid.Parse(after.Id));
        Assert.Equal(written.ItemWithIndicator.Revision + 1, row.Revision);
        var snapshot = await snapshots.ItemSnapshotAsync(row.Id);
        Assert.Equal([(2020, 11m), (2021, 14m)], snapshot.Indicators[0].Actuals.Select(a => (a.FiscalYear, a.Value)));
        Assert.Equal(after.UpdatedAt.ToDateTimeOffset(), row.AsOf);
    }

    [Fact]
    public async Task ARebuildOverCurrentReadModelsChangesNothingAndTombstonesARecordWhoseDeletionWasMissed()
    {
        var written = await WriteAMunicipalityAsync("20322");
        var snapshots = new ReadModelSnapshots(system.Reporting.Services, "20322");
        var before = await snapshots.WhenSettledAsync(written.AllConsumed);
        var summary = await SummaryAsync("20322");

        // Nothing to do: every row already holds the listed revision, times included, and the deleted
        // plan's items and nodes are already the tombstones the rebuild would make of them.
        var counts = await RebuildAsync("20322");
        Assert.Equal(0, counts.Tombstoned);
        ReadModelSnapshots.AssertEqual(before, await snapshots.TakeAsync());
        Assert.Equal(summary, await SummaryAsync("20322"));
        AssertSummaryCountsOnlyTheLivePlan(summary);

        // An item is deleted, and the read model then loses that event (as if it had never arrived).
        var doomed = written.ItemWithIndicator;
        await Plans.DeleteItemAsync(new DeleteItemRequest { Id = doomed.Id, Version = doomed.Version });
        var deleted = await snapshots.WhenSettledAsync(s => s.Items.Any(r => r.Id == Guid.Parse(doomed.Id) && r.Deleted));
        var deletionRevision = deleted.Items.Single(r => r.Id == Guid.Parse(doomed.Id)).Revision;
        Assert.Equal(doomed.Revision + 1, deletionRevision); // what ItemDeleted carries
        await snapshots.RestoreAsync(before.Items.Single(r => r.Id == Guid.Parse(doomed.Id)));

        counts = await RebuildAsync("20322");

        var after = await snapshots.TakeAsync();
        Assert.Equal(1, counts.Tombstoned);
        var tombstone = after.Items.Single(r => r.Id == Guid.Parse(doomed.Id));
        Assert.True(tombstone.Deleted);
        Assert.Equal(deletionRevision, tombstone.Revision);
        ReadModelSnapshots.AssertEqual(before with { Items = [.. before.Items.Where(r => r.Id != tombstone.Id)] },
            after with { Items = [.. after.Items.Where(r => r.Id != tombstone.Id)] });
    }

    [Fact]
    public async Task ARebuildWhoseSubsidyServiceNeverAnswersEndsWithOneNamingItAfterPlanAndBudgetAnswered()
    {
        await using var hung = new SilentBackend();
        var reporting = system.Reporting.Services.GetRequiredService<IConfiguration>();
        await using var app = ReportingApp.Create([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(TestAuth.Settings)
        {
            ["ConnectionStrings:Reporting"] = reporting.GetConnectionString("Reporting"),
            ["Services:Plan"] = system.Plan.GrpcAddress.ToString(),
            ["Services:Budget"] = system.Budget.GrpcAddress.ToString(),
            ["Services:Subsidy"] = hung.Address.ToString(),
            // Long enough for the real services to answer on a loaded machine; the hung one then takes it all.
            ["Rebuild:CallTimeout"] = "00:00:15",
        }));
        var errors = new StringWriter();

        var exit = await RebuildCommand.RunAsync(app, ["rebuild", "--municipality", "20329"], TextWriter.Null, errors, CancellationToken.None)
            .WaitAsync(TimeSpan.FromMinutes(2)); // the test's own bound: without a deadline the rebuild would wait for ever

        Assert.Equal(1, exit);
        Assert.Equal($"rebuild: the subsidy service (Services:Subsidy = {hung.Address}) did not answer ListPrograms within 00:00:15 (Rebuild:CallTimeout)",
            errors.ToString().Trim());
    }

    private async Task<Report> SummaryAsync(string municipality) =>
        await Reports.GetDepartmentSummaryAsync(new DepartmentSummaryRequest { MunicipalityCode = municipality, FiscalYearFrom = 2021 });

    /// <summary>
    /// FY2021: only 協働推進課's items of the live plan with their two lines (7,500,000 + 1,000,000),
    /// the open award (150,000) and the settled one (80,000 of 100,000), three applications; nothing of
    /// the deleted plan's 企画課 item and its 3,000,000 line.
    /// </summary>
    private static void AssertSummaryCountsOnlyTheLivePlan(Report summary)
    {
        var table = summary.Tables.Single();
        string Value(string column) => table.Rows.Single().Cells[table.Columns.ToList().FindIndex(c => c.Name == column)] is var cell
            && cell.ValueCase == Cell.ValueOneofCase.Text ? cell.Text : cell.Integer.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["協働推進課", "2", "8500000", "150000", "80000", "3", "2", "250000", "80000"],
            new[] { "部署", "事業数", "事業費", "確保額（未執行）", "執行額", "補助金申請数", "交付決定数", "交付決定額", "確定額" }.Select(Value));
    }

    /// <summary>Runs the rebuild as the command does: against the services' own addresses, with a token minted from the Auth section.</summary>
    private async Task<RebuildCounts> RebuildAsync(string municipality)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestAuth.Settings).Build();
        var token = RebuildToken.From(configuration, TimeSpan.FromMinutes(5));
        Assert.NotNull(token);
        using var sources = new RebuildSources(system.Plan.GrpcAddress, system.Budget.GrpcAddress, system.Subsidy.GrpcAddress, token);
        var rebuild = new ReadModelRebuild(system.Reporting.Services.GetRequiredService<IServiceScopeFactory>(), sources, TimeProvider.System,
            NullLogger<ReadModelRebuild>.Instance);
        return (await rebuild.RunAsync(municipality, CancellationToken.None)).Single();
    }

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
        var measure = (await Plans.CreateNodeAsync(new CreateNodeRequest { PlanId = plan.Id, LevelName = "推進方針", Code = "Ⅱ", Title = "協働の担い手を育てます" })).Node;
        var sub = (await Plans.CreateNodeAsync(new CreateNodeRequest { PlanId = plan.Id, ParentId = measure.Id, LevelName = "推進施策", Code = "(3)", Title = "市民活動の支援" })).Node;
        var spare = (await Plans.CreateDepartmentAsync(new CreateDepartmentRequest { MunicipalityCode = code, Name = "総務課" })).Department;
        await Plans.UpdateDepartmentAsync(new UpdateDepartmentRequest { Id = spare.Id, Name = "総務部総務課" });

        var relisted = (await Plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id,
            Fields = new ItemFields
            {
                Title = "協働のまちづくり研修", Novelty = ItemNovelty.Continuing, Departments = { "協働推進課", "企画課" },
                ImplementingBodies = { "行政", "市民" }, TargetStakeholders = { Stakeholder.Citizens, Stakeholder.Other }, TargetOther = "小学4年生",
                Purpose = "協働の意識を高める", Rank = new RankWithinMeasure { Rank = 1, Of = 3 }, MayoralPledge = MayoralPledge.Partly,
                YearlyGoals = { new YearlyGoalInput { FiscalYear = "R3", Text = "年2回開催" } },
            },
            Placements = { new PlacementInput { NodeId = sub.Id, Code = "④", Primary = true }, new PlacementInput { NodeId = measure.Id, Code = "①" } },
            Schedule =
            {
                new ScheduleRowInput { Label = "・研修", Cells = { new ScheduleCellInput { FiscalYear = "R2", Text = "検討・実施" }, new ScheduleCellInput { FiscalYear = "R3", Text = "→" } } },
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
                    Targets = { new YearValueInput { FiscalYear = "R2", Value = "10" }, new YearValueInput { FiscalYear = "R3", Value = "12.5" } },
                },
            },
        })).Item;
        var indicatorId = measured.Indicators[0].Id;
        var recorded = await Plans.RecordActualAsync(new RecordActualRequest { IndicatorId = indicatorId, FiscalYear = "R2", Value = "11", ItemVersion = measured.Version });
        await Plans.ReviseTargetAsync(new ReviseTargetRequest { IndicatorId = indicatorId, FiscalYear = "R3", Value = "13", Reason = "実績を踏まえ上方修正", ItemVersion = recorded.ItemVersion });
        measured = (await Plans.GetItemAsync(new GetItemRequest { Id = measured.Id })).Item;
        var doomedItem = (await Plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id, Fields = new ItemFields { Title = "廃止した事業", Departments = { "企画課" } },
            Placements = { new PlacementInput { NodeId = measure.Id, Code = "②", Primary = true } },
        })).Item;
        await Plans.DeleteItemAsync(new DeleteItemRequest { Id = doomedItem.Id, Version = doomedItem.Version });

        var line = (await Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = code, ItemId = relisted.Id, FiscalYear = 2021,
            Funding = new FundingBreakdown { CostYen = 7_320_000, OtherYen = 347_000, GeneralRevenueYen = 6_973_000 },
            Account = new AccountClassification
            {
                Account = new AccountLevel { Name = "一般会計" }, Section = new AccountLevel { Number = "2", Name = "総務費" },
                Item = new AccountLevel { Number = "1", Name = "総務管理費" }, Subitem = new AccountLevel { Number = "4", Name = "企画費" },
            },
        })).Line;
        await Budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = line.Id, Version = line.Version, Stage = BudgetStage.Supplementary, SupplementaryNumber = 1,
            Funding = new FundingBreakdown { CostYen = 7_500_000, OtherYen = 347_000, GeneralRevenueYen = 7_153_000 },
        });
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
        program = (await Subsidies.SetProgramBudgetLineAsync(new SetProgramBudgetLineRequest { ProgramId = program.Id, FiscalYear = 2021, BudgetLineId = subsidyLine.Id })).Program;
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
        var doomedNode = (await Plans.CreateNodeAsync(new CreateNodeRequest { PlanId = doomedPlan.Id, LevelName = "推進方針", Code = "Ⅰ", Title = "旧方針" })).Node;
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
            [Guid.Parse(doomedPlanItem.Id)] = ReadModelWriter.FinalRevision, // tombstoned by its plan's deletion
        };
        var lineRevisions = new Dictionary<Guid, int>
        {
            [Guid.Parse(line.Id)] = 2, [Guid.Parse(subsidyLine.Id)] = 1, [Guid.Parse(doomedLine.Id)] = 2, [Guid.Parse(doomedPlanLine.Id)] = 1,
        };
        bool allConsumed(ReadModelSnapshot s) =>
            expected.All(e => s.Items.Any(r => r.Id == e.Key && r.Revision == e.Value))
            && lineRevisions.All(e => s.BudgetLines.Any(r => r.Id == e.Key && r.Revision == e.Value))
            && s.Applications.Count(r => r.Revision == 3) == 2 && s.Applications.Count(r => r.Revision == 5) == 1
            && s.Reservations.Count(r => r.Revision == 1) == 1 && s.Reservations.Count(r => r.Revision == 2) == 1
            && s.Departments.Any(r => r.Id == Guid.Parse(spare.Id) && r.Revision == 2)
            && s.PriorityGoals.Count == 1 && s.Plans.Count == 2 && s.Plans.Any(r => r.Id == Guid.Parse(doomedPlan.Id) && r.Deleted)
            && s.Nodes.Count == 3 && s.Nodes.Any(r => r.Id == Guid.Parse(doomedNode.Id) && r.Revision == ReadModelWriter.FinalRevision)
            && s.SubsidyPrograms.Any(r => r.Revision == program.Revision);
        return new Written(measured, Guid.Parse(doomedItem.Id), Guid.Parse(doomedLine.Id), (Guid.Parse(doomedPlanItem.Id), Guid.Parse(doomedNode.Id)), allConsumed);
    }

    private async Task<Application> ApplyAndReviewAsync(string code, Kyodo.Subsidy.V1.Program program, Course course, string title, long requestedYen)
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
