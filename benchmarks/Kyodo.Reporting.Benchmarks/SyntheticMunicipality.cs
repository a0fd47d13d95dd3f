using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Subsidy.V1;

namespace Kyodo.Reporting.Benchmarks;

/// <summary>
/// Writes a synthetic municipality through the gateway, as city systems would: a plan of
/// <c>years</c> fiscal years with 10 departments and 20 measures; <c>items</c> items, each with a
/// schedule over every year and an outcome indicator with a target every year and actuals for
/// the first three, and a budget sheet with a line per year; a grant program and
/// <c>applications</c> applications (submitted, reviewed, then 60 % awarded, the rest rejected).
/// Items with their sheets and the applications are written concurrently by <c>writers</c> callers.
/// </summary>
public sealed class SyntheticMunicipality(GrpcChannel gateway, string bearerToken, BenchmarkOptions options)
{
    public const string Code = "99002";
    public const int FirstYear = 2022;
    private const int Departments = 10, Measures = 20;

    private readonly PlanService.PlanServiceClient _plans = new(gateway);
    private readonly BudgetService.BudgetServiceClient _budget = new(gateway);
    private readonly SubsidyService.SubsidyServiceClient _subsidy = new(gateway);
    private readonly Metadata _headers =
        new() { { "authorization", $"Bearer {bearerToken}" }, { "x-kyodo-actor", "kyodo-reporting-benchmarks" } };

    public int LastYear => FirstYear + options.Years - 1;

    /// <summary>Events the services publish for what <see cref="SetUpAsync"/> writes.</summary>
    // plan, departments, root + measures, grant item + line, program created/changed/line
    public int SetupEvents => 1 + Departments + 1 + Measures + 1 + 1 + 3;

    /// <summary>
    /// Events the services publish for what <see cref="LoadAsync"/> writes: per item its creation and
    /// a line per year; per application its three steps, and for an award the FundsReserved of its money.
    /// </summary>
    public int LoadEvents =>
        options.Items * (1 + options.Years) + options.Applications * 3 + Enumerable.Range(0, options.Applications).Count(Awarded);

    /// <summary>Application <paramref name="i"/> is awarded (60 %), else rejected.</summary>
    private static bool Awarded(int i) => i % 5 < 3;

    private string _planId = "", _programId = "";
    private readonly List<string> _measureIds = [];
    private readonly List<string> _courseIds = [];

    public async Task SetUpAsync(CancellationToken ct)
    {
        var plan = (await _plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = Code, Name = "ベンチマーク市" },
            Name = "ベンチマーク市 協働推進プラン", StartFiscalYear = FirstYear.ToString(), EndFiscalYear = LastYear.ToString(),
        }, Call(ct))).Plan;
        _planId = plan.Id;
        for (var d = 1; d <= Departments; d++)
            await _plans.CreateDepartmentAsync(new CreateDepartmentRequest { MunicipalityCode = Code, Name = Department(d) }, Call(ct));
        var root = (await _plans.CreateNodeAsync(
            new CreateNodeRequest { PlanId = plan.Id, LevelName = "政策", Code = "1", Title = "協働のまちづくり" }, Call(ct))).Node;
        for (var m = 1; m <= Measures; m++)
            _measureIds.Add((await _plans.CreateNodeAsync(new CreateNodeRequest
            {
                PlanId = plan.Id, ParentId = root.Id, LevelName = "施策", Code = $"1-{m}", Title = $"施策 {m}",
            }, Call(ct))).Node.Id);

        // The grant's own item and a line big enough for every award.
        var grantItem = (await _plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id, Fields = new ItemFields { Title = "市民活動促進事業補助金", Departments = { Department(1) } },
            Placements = { new PlacementInput { NodeId = _measureIds[0], Code = "0", Primary = true } },
        }, Call(ct))).Item;
        var grantLine = (await _budget.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = Code, ItemId = grantItem.Id, FiscalYear = FirstYear,
            Funding = new FundingBreakdown { CostYen = 1_000_000_000, GeneralRevenueYen = 1_000_000_000 },
        }, Call(ct))).Line;
        var program = (await _subsidy.CreateProgramAsync(new CreateProgramRequest
        {
            MunicipalityCode = Code, Name = "市民活動促進事業補助金", Description = "ベンチマーク用",
            Courses =
            {
                new CourseInput { Name = "チャレンジ", CapYen = 200_000, AcceptsNewProjects = true },
                new CourseInput { Name = "ステップアップ", CapYen = 150_000, AcceptsNewProjects = true, AcceptsContinuingProjects = true },
            },
        }, Call(ct))).Program;
        program = (await _subsidy.SetProgramBudgetLineAsync(new SetProgramBudgetLineRequest
        {
            ProgramId = program.Id, FiscalYear = FirstYear, BudgetLineId = grantLine.Id,
        }, Call(ct))).Program;
        _programId = program.Id;
        _courseIds.AddRange(program.Courses.Select(c => c.Id));
    }

    /// <summary>Writes the items, sheets and applications; returns the latencies of the write calls (ms).</summary>
    public async Task<IReadOnlyList<double>> LoadAsync(CancellationToken ct)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var itemWriters = Math.Max(1, options.Writers * 3 / 4);
        var items = Parallel.ForEachAsync(Enumerable.Range(0, options.Items),
            new ParallelOptions { MaxDegreeOfParallelism = itemWriters, CancellationToken = ct },
            async (i, token) => await WriteItemAsync(i, latencies, token));
        var applications = Parallel.ForEachAsync(Enumerable.Range(0, options.Applications),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Writers - itemWriters), CancellationToken = ct },
            async (i, token) => await WriteApplicationAsync(i, latencies, token));
        await Task.WhenAll(items, applications);
        return [.. latencies];
    }

    private async Task WriteItemAsync(int i, System.Collections.Concurrent.ConcurrentBag<double> latencies, CancellationToken ct)
    {
        var years = Enumerable.Range(FirstYear, options.Years).ToList();
        var indicator = new IndicatorInput
        {
            Kind = IndicatorKind.Outcome, Name = "参加者数", Unit = "人", Direction = IndicatorDirection.HigherIsBetter,
            BaselineValue = "50", BaselineFiscalYear = (FirstYear - 1).ToString(),
        };
        indicator.Targets.AddRange(years.Select(y => new YearValueInput { FiscalYear = Year(y), Value = (100 + i % 50).ToString() }));
        // Actuals from 70 % to 115 % of the target: achieved, on track and behind all occur.
        indicator.Actuals.AddRange(years.Take(3).Select(
            (y, k) => new YearValueInput { FiscalYear = Year(y), Value = ((100 + i % 50) * (70 + (i + k * 7) % 46) / 100).ToString() }));
        var schedule = new ScheduleRowInput { Label = "" };
        schedule.Cells.AddRange(years.Select(
            (y, k) => new ScheduleCellInput { FiscalYear = Year(y), Text = k == 0 ? "検討" : k == years.Count - 1 ? "実施・完了予定" : "実施" }));

        var item = (await Timed(latencies, () => _plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = _planId,
            Fields = new ItemFields
            {
                Title = $"事業 {i + 1:D4}", Novelty = ItemNovelty.Continuing,
                Departments = { Department(1 + i % Departments) }, Purpose = "ベンチマーク"
            },
            Placements = { new PlacementInput { NodeId = _measureIds[i % Measures], Code = $"{i + 1}", Primary = true } },
            Schedule = { schedule },
            Indicators = { indicator },
        }, Call(ct)).ResponseAsync)).Item;

        var sheet = new UpsertItemSheetRequest { MunicipalityCode = Code, ItemId = item.Id };
        sheet.Years.AddRange(years.Select((y, k) =>
        {
            var cost = 1_000_000L + 1_000L * (i % 500) + 10_000L * k;
            return new SheetYear
            {
                FiscalYear = y, Cost = Yen(cost), NationalPrefectural = Yen(cost / 4), LocalBond = "0", Other = "0",
                GeneralRevenue = Yen(cost - cost / 4)
            };
        }));
        await Timed(latencies, () => _budget.UpsertItemSheetAsync(sheet, Call(ct)).ResponseAsync);
    }

    private async Task WriteApplicationAsync(int i, System.Collections.Concurrent.ConcurrentBag<double> latencies, CancellationToken ct)
    {
        var applicant = (await Timed(latencies, () => _subsidy.RegisterApplicantAsync(new RegisterApplicantRequest
        {
            MunicipalityCode = Code, Name = $"市民活動団体 {i + 1:D4}", Kind = "市民活動団体",
        }, Call(ct)).ResponseAsync)).Applicant;
        var submitted = (await Timed(latencies, () => _subsidy.SubmitApplicationAsync(new SubmitApplicationRequest
        {
            ProgramId = _programId, CourseId = _courseIds[i % _courseIds.Count], FiscalYear = FirstYear, ApplicantId = applicant.Id,
            ProjectTitle = $"地域活動 {i + 1}", ProjectKind = ProjectKind.New, RequestedYen = 120_000,
        }, Call(ct)).ResponseAsync)).Application;
        await Timed(latencies, () =>
            _subsidy.StartReviewAsync(new TransitionRequest { ApplicationId = submitted.Id, Comment = "書類審査" }, Call(ct)).ResponseAsync);
        if (Awarded(i))
            await Timed(latencies, () => _subsidy.AwardAsync(
                new AwardRequest { ApplicationId = submitted.Id, AmountYen = 100_000, Comment = "交付決定" }, Call(ct)).ResponseAsync);
        else
            await Timed(latencies, () =>
                _subsidy.RejectAsync(new TransitionRequest { ApplicationId = submitted.Id, Comment = "対象外" }, Call(ct)).ResponseAsync);
    }

    public CallOptions Call(CancellationToken ct) => new(_headers, DateTime.UtcNow.AddSeconds(60), ct);

    private static async Task<T> Timed<T>(System.Collections.Concurrent.ConcurrentBag<double> latencies, Func<Task<T>> call)
    {
        var began = Stopwatch.GetTimestamp();
        var result = await call();
        latencies.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
        return result;
    }

    private static string Department(int d) => $"ベンチ{d:D2}課";
    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);
    private static string Yen(long yen) => yen.ToString(CultureInfo.InvariantCulture);
}
