using Grpc.Core;
using Grpc.Net.Client;
using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Subsidy.V1;

namespace Kyodo.Calls.Benchmarks;

/// <summary>
/// What the calls act on, written through the gateway with a system token before anything is
/// measured: a plan (FY2026–FY2027) with one node; 100 items, each with a FY2026 line holding so
/// much money that reserving 1 yen per call never exhausts it (Reserve's lines; the first
/// <see cref="SheetItems"/> items also take UpsertItemSheet's FY2027 sheets, one caller each); a grant
/// program spending from a line of its own; and applications under review, each awarded once.
/// </summary>
public sealed class CallsData
{
    public const string MunicipalityCode = "99001";
    public const int FiscalYear = 2026;
    public const long LineYen = 9_000_000_000_000;
    public const long AwardYen = 100_000;
    public const int Lines = 100;
    public const int SheetItems = 32;

    public string PlanId { get; private set; } = "";
    public string NodeId { get; private set; } = "";
    public string[] ItemIds { get; } = new string[Lines];
    public string[] LineIds { get; } = new string[Lines];
    public string GrantLineId { get; private set; } = "";
    public List<string> Applications { get; } = [];
    private int _nextApplication = -1;

    /// <summary>The next application under review (each is awarded once).</summary>
    public string TakeApplication() => Applications[Interlocked.Increment(ref _nextApplication)];

    public static async Task<CallsData> CreateAsync(GrpcChannel gateway, Metadata headers, int applications, CancellationToken ct)
    {
        var data = new CallsData();
        var plans = new PlanService.PlanServiceClient(gateway);
        var budget = new BudgetService.BudgetServiceClient(gateway);
        var subsidy = new SubsidyService.SubsidyServiceClient(gateway);
        CallOptions Call(CancellationToken token) => new(headers, DateTime.UtcNow.AddSeconds(60), token);

        data.PlanId = (await plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = MunicipalityCode, Name = "ベンチマーク市" },
            Name = $"呼び出し計測 {DateTime.UtcNow:O}", StartFiscalYear = FiscalYear.ToString(), EndFiscalYear = (FiscalYear + 1).ToString(),
        }, Call(ct))).Plan.Id;
        data.NodeId = (await plans.CreateNodeAsync(
            new CreateNodeRequest { PlanId = data.PlanId, LevelName = "施策", Code = "1", Title = "計測施策" }, Call(ct))).Node.Id;

        // The first item alone: it adds the department to the municipality, which concurrent first uses of one new name would race for.
        await ItemAndLineAsync(0, ct);
        await Parallel.ForEachAsync(Enumerable.Range(1, Lines - 1),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, token) => await ItemAndLineAsync(i, token));

        var grantItem = (await plans.CreateItemAsync(NewItem(data, "市民活動補助金", "grant"), Call(ct))).Item;
        data.GrantLineId = (await RetriedAsync(() => budget.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = MunicipalityCode, ItemId = grantItem.Id, FiscalYear = FiscalYear,
            Funding = new FundingBreakdown { CostYen = LineYen, GeneralRevenueYen = LineYen },
        }, Call(ct)).ResponseAsync)).Line.Id;
        var program = (await subsidy.CreateProgramAsync(new CreateProgramRequest
        {
            MunicipalityCode = MunicipalityCode, Name = $"計測補助金 {Guid.NewGuid():N}", Description = "ベンチマーク用",
            Courses = { new CourseInput { Name = "チャレンジ", CapYen = 200_000, AcceptsNewProjects = true } },
        }, Call(ct))).Program;
        program = (await subsidy.SetProgramBudgetLineAsync(new SetProgramBudgetLineRequest
        {
            ProgramId = program.Id, FiscalYear = FiscalYear, BudgetLineId = data.GrantLineId,
        }, Call(ct))).Program;

        var underReview = new string[applications];
        await Parallel.ForEachAsync(Enumerable.Range(0, applications),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
            {
                var applicant = (await subsidy.RegisterApplicantAsync(new RegisterApplicantRequest
                {
                    MunicipalityCode = MunicipalityCode, Name = $"計測団体 {i + 1:D5}", Kind = "市民活動団体",
                }, Call(token))).Applicant;
                var submitted = (await subsidy.SubmitApplicationAsync(new SubmitApplicationRequest
                {
                    ProgramId = program.Id, CourseId = program.Courses[0].Id, FiscalYear = FiscalYear, ApplicantId = applicant.Id,
                    ProjectTitle = $"地域活動 {i + 1}", ProjectKind = ProjectKind.New, RequestedYen = 120_000,
                }, Call(token))).Application;
                await subsidy.StartReviewAsync(new TransitionRequest { ApplicationId = submitted.Id, Comment = "書類審査" }, Call(token));
                underReview[i] = submitted.Id;
            });
        data.Applications.AddRange(underReview);
        return data;

        async Task ItemAndLineAsync(int i, CancellationToken token)
        {
            var item = (await plans.CreateItemAsync(NewItem(data, $"計測事業 {i + 1}", $"{i + 1}"), Call(token))).Item;
            data.ItemIds[i] = item.Id;
            data.LineIds[i] = (await RetriedAsync(() => budget.CreateBudgetLineAsync(new CreateBudgetLineRequest
            {
                MunicipalityCode = MunicipalityCode, ItemId = item.Id, FiscalYear = FiscalYear,
                Funding = new FundingBreakdown { CostYen = LineYen, GeneralRevenueYen = LineYen },
            }, Call(token)).ResponseAsync)).Line.Id;
        }
    }

    /// <summary>
    /// A setup call that says it wrote nothing when it fails UNAVAILABLE (budget's line creation, when
    /// plan does not answer in time on a loaded machine), tried up to five times.
    /// </summary>
    private static async Task<T> RetriedAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await call(); }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }
    }

    /// <summary>A new item under the benchmark's node, led by 企画課; <paramref name="code"/> must be new in the node.</summary>
    public static CreateItemRequest NewItem(CallsData data, string title, string code) => new()
    {
        PlanId = data.PlanId,
        Fields = new ItemFields { Title = title, Novelty = ItemNovelty.Continuing, Departments = { "企画課" } },
        Placements = { new PlacementInput { NodeId = data.NodeId, Code = code, Primary = true } },
    };
}
