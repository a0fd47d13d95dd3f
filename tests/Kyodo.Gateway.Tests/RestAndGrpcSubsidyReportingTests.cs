using System.Net;
using System.Text;
using Google.Protobuf;
using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Reporting.V1;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;

namespace Kyodo.Gateway.Tests;

// Subsidy and reporting over REST and gRPC, and lifecycle writes over REST (also through the
// subsidy → budget hop) read back over gRPC.
public sealed partial class RestAndGrpcTests
{
    private SubsidyService.SubsidyServiceClient Subsidies => new(system.Gateway.App.Channel);
    private ReportingService.ReportingServiceClient Reports => new(system.Gateway.App.Channel);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A program with one course spending from a 500,000 yen FY2008 line, an applicant and a submitted application of 150,000
    /// yen.</summary>
    private async Task<(Kyodo.Subsidy.V1.Program Program, BudgetLine Line, Applicant Applicant,
        Application Application)> SubmittedApplicationAsync(string municipality)
    {
        var (_, item) = await CreatePlanWithItemAsync(municipality);
        var line = (await Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = municipality, ItemId = item.Id, FiscalYear = 2008,
            Funding = new FundingBreakdown { CostYen = 500_000, GeneralRevenueYen = 500_000 },
        })).Line;
        var program = (await Subsidies.CreateProgramAsync(new CreateProgramRequest
        {
            MunicipalityCode = municipality, Name = $"市民活動促進事業補助金 {Guid.NewGuid():N}",
            Courses = { new CourseInput { Name = "チャレンジ", CapYen = 200_000, AcceptsNewProjects = true } },
        })).Program;
        program = (await Subsidies.SetProgramBudgetLineAsync(
            new SetProgramBudgetLineRequest { ProgramId = program.Id, FiscalYear = 2008, BudgetLineId = line.Id })).Program;
        var applicant = (await Subsidies.RegisterApplicantAsync(
            new RegisterApplicantRequest { MunicipalityCode = municipality, Name = "見守りの会", Kind = "市民活動団体" })).Applicant;
        var application = (await Subsidies.SubmitApplicationAsync(new SubmitApplicationRequest
        {
            ProgramId = program.Id, CourseId = program.Courses[0].Id, ApplicantId = applicant.Id, FiscalYear = 2008,
            ProjectTitle = "地域の見守り活動", ProjectKind = ProjectKind.New, RequestedYen = 150_000,
        })).Application;
        return (program, line, applicant, application);
    }

    [Fact]
    public async Task SubsidyReadsGiveTheSameMessageOverRestAndGrpc()
    {
        const string city = "35201";
        var (program, _, applicant, application) = await SubmittedApplicationAsync(city);
        using var http = system.Gateway.Rest(_token);

        Assert.Equal(await Subsidies.GetProgramAsync(new GetProgramRequest { Id = program.Id }),
            await ReadAsync<GetProgramResponse>(await http.GetAsync($"/subsidy/v1/programs/{program.Id}")));
        Assert.Equal(await Subsidies.ListProgramsAsync(new ListProgramsRequest { MunicipalityCode = city }),
            await ReadAsync<ListProgramsResponse>(await http.GetAsync($"/subsidy/v1/municipalities/{city}/programs")));
        Assert.Equal(await Subsidies.GetApplicantAsync(new GetApplicantRequest { Id = applicant.Id }),
            await ReadAsync<GetApplicantResponse>(await http.GetAsync($"/subsidy/v1/applicants/{applicant.Id}")));
        Assert.Equal(await Subsidies.ListApplicantsAsync(new ListApplicantsRequest { MunicipalityCode = city }),
            await ReadAsync<ListApplicantsResponse>(await http.GetAsync($"/subsidy/v1/municipalities/{city}/applicants")));
        Assert.Equal(await Subsidies.GetApplicationAsync(new GetApplicationRequest { Id = application.Id }),
            await ReadAsync<ApplicationResponse>(await http.GetAsync($"/subsidy/v1/applications/{application.Id}")));
        Assert.Equal(await Subsidies.ListApplicationsAsync(new ListApplicationsRequest { MunicipalityCode = city, ProgramId = program.Id }),
            await ReadAsync<ListApplicationsResponse>(
                await http.GetAsync($"/subsidy/v1/applications?municipalityCode={city}&programId={program.Id}")));
        var statistics =
            await ReadAsync<GetStatisticsResponse>(await http.GetAsync($"/subsidy/v1/municipalities/{city}/statistics?fiscalYear=2008"));
        Assert.Equal(await Subsidies.GetStatisticsAsync(new GetStatisticsRequest { MunicipalityCode = city, FiscalYear = 2008 }),
            statistics);
        // The values themselves, from the requests above (not from either answer).
        var overRest = await ReadAsync<ApplicationResponse>(await http.GetAsync($"/subsidy/v1/applications/{application.Id}"));
        Assert.Equal(("地域の見守り活動", 150_000L, ApplicationStatus.Submitted),
            (overRest.Application.ProjectTitle, overRest.Application.RequestedYen, overRest.Application.Status));
    }

    [Fact]
    public async Task LifecycleStepsOverRestAreStoredAsTheGrpcReadShowsThem()
    {
        const string city = "35202";
        var (_, line, _, application) = await SubmittedApplicationAsync(city);
        var reviewer = $"reviewer-{Guid.NewGuid():N}";
        using var http = system.Gateway.Rest(TestAuth.SystemTokenAs(reviewer));

        var reviewed = await ReadAsync<ApplicationResponse>(await http.PostAsync(
            $"/subsidy/v1/applications/{application.Id}:startReview", Json("""{"comment":"書類審査を開始"}""")));
        // The award reserves the money in the budget service: the subsidy → budget hop of a REST call.
        var awarded = await ReadAsync<ApplicationResponse>(await http.PostAsync(
            $"/subsidy/v1/applications/{application.Id}:award", Json("""{"amountYen":"120000","comment":"交付決定"}""")));

        var stored = await Subsidies.GetApplicationAsync(new GetApplicationRequest { Id = application.Id });
        Assert.Equal(stored, awarded);
        Assert.Equal(ApplicationStatus.UnderReview, reviewed.Application.Status);
        Assert.Equal((ApplicationStatus.Awarded, 120_000L), (stored.Application.Status, stored.Application.AwardedYen));
        Assert.Equal(
            [(ApplicationStatus.Submitted, ApplicationStatus.UnderReview, reviewer, "書類審査を開始"),
                (ApplicationStatus.UnderReview, ApplicationStatus.Awarded, reviewer, "交付決定")],
            stored.Application.Transitions.Skip(1).Select(t => (t.From, t.To, t.By, t.Comment)));
        var reserved = await Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = line.Id });
        Assert.Equal((120_000L, 380_000L), (reserved.ReservedYen, reserved.AvailableYen));
    }

    [Fact]
    public async Task ReportsAndTheirExportGiveTheSameOverRestAndGrpc()
    {
        const string city = "35204";
        var (plan, item) = await CreatePlanWithItemAsync(city);
        await Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = city, ItemId = item.Id, FiscalYear = 2008,
            Funding = new FundingBreakdown { CostYen = 7_320_000, OtherYen = 347_000, GeneralRevenueYen = 6_973_000 },
        });
        // Reporting learns of the plan, the item and the line only through their events.
        var overview = await EventuallyAsync(
            () => Reports.GetMunicipalityOverviewAsync(new GetMunicipalityOverviewRequest { MunicipalityCode = city }).ResponseAsync,
            o => o is { PlanCount: 1, ItemCount: 1, BudgetLineCount: 1 });
        Assert.Equal(7_320_000L, overview.BudgetCostYen);
        using var http = system.Gateway.Rest(_token);

        Assert.Equal(overview,
            await ReadAsync<GetMunicipalityOverviewResponse>(await http.GetAsync($"/reporting/v1/municipalities/{city}/overview")));
        Assert.Equal(
            await Reports.GetDepartmentSummaryAsync(new DepartmentSummaryRequest { MunicipalityCode = city, FiscalYearFrom = 2008 }),
            await ReadAsync<Report>(await http.GetAsync($"/reporting/v1/municipalities/{city}/department-summary?fiscalYearFrom=2008")));
        Assert.Equal(await Reports.GetPlanItemListAsync(new PlanReportRequest { MunicipalityCode = city, PlanId = plan.Id }),
            await ReadAsync<Report>(await http.GetAsync($"/reporting/v1/municipalities/{city}/plans/{plan.Id}/item-list")));

        var export = new ExportReportRequest
        {
            Format = ExportFormat.Csv,
            PlanItemList = new PlanReportRequest { MunicipalityCode = city, PlanId = plan.Id }
        };
        var overGrpc = new List<FileChunk>();
        using (var call = Reports.ExportReport(export))
            while (await call.ResponseStream.MoveNext(CancellationToken.None)) overGrpc.Add(call.ResponseStream.Current);
        // Over REST the stream is line-delimited JSON, one FileChunk per line.
        using var response = await http.PostAsync("/reporting/v1/reports:export", Json(JsonFormatter.Default.Format(export)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        var overRest = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(FileChunk.Parser.ParseJson).ToList();

        Assert.Equal(overGrpc, overRest);
        var file = overRest.SelectMany(c => c.Data.ToByteArray()).ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], file[..3]); // CSV in UTF-8 with a BOM
        Assert.Contains("市民活動支援センターの運営", Encoding.UTF8.GetString(file));
        Assert.EndsWith(".csv", overRest[0].FileName);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        var last = await read();
        while (!done(last))
        {
            Assert.True(DateTime.UtcNow < until, $"not reached in 60 s; last: {last}");
            await Task.Delay(200);
            last = await read();
        }
        return last;
    }
}
