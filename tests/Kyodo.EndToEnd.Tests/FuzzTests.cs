using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.EndToEnd.Tests.Fuzz;
using Kyodo.Plan.V1;
using Kyodo.Reporting.V1;
using Kyodo.Security;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;
using Xunit.Abstractions;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// A bounded, seeded fuzz of every RPC of every service through the gateway, over gRPC (random
/// messages, their bytes mangled) and REST (their JSON, mangled), as an admin of one city whose ids
/// it mixes with another city's. No answer may be INTERNAL or UNKNOWN (HTTP 500), none may take longer
/// than its deadline, every service must be ready afterwards and the other city's data as it was.
/// KYODO_FUZZ_SEED and KYODO_FUZZ_INPUTS change the seed (printed) and the number of inputs;
/// KYODO_FUZZ_ONLY=n replays input n of the seed alone.
/// </summary>
public sealed class FuzzTests(SystemFixture system, ITestOutputHelper output) : IClassFixture<SystemFixture>
{
    private const string Fuzzer = "35420", Bystander = "35421";
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
            : fallback;

    private static readonly IReadOnlyList<MethodDescriptor> Rpcs =
    [
        .. PlanService.Descriptor.Methods, .. BudgetService.Descriptor.Methods, .. SubsidyService.Descriptor.Methods,
        .. ReportingService.Descriptor.Methods,
    ];

    [Fact]
    public async Task ThousandsOfMangledCallsToEveryRpcAnswerNoInternalOrUnknownInTimeAndLeaveAnotherCityAsItWas()
    {
        var seed = Setting("KYODO_FUZZ_SEED", 20261206);
        var inputs = Setting("KYODO_FUZZ_INPUTS", 3_000);
        var only = Setting("KYODO_FUZZ_ONLY", -1);
        output.WriteLine(
            $"fuzz seed {seed}, {inputs} inputs over {Rpcs.Count} RPCs (KYODO_FUZZ_SEED={seed} KYODO_FUZZ_ONLY=n replays input n)");

        var own = await CityAsync(Fuzzer);
        var other = await CityAsync(Bystander);
        var before = await SnapshotAsync(Bystander);
        var generator = new FuzzInputs([.. own, .. other, Guid.NewGuid().ToString(), Guid.Empty.ToString(), "not-a-uuid"]);
        var token = TestAuth.UserToken(Fuzzer, KyodoRoles.Admin);
        var channel = system.Gateway.ChannelAs(token);
        using var http = new HttpClient { BaseAddress = system.Gateway.RestAddress, Timeout = FuzzCall.Deadline + Slack * 2 };

        var outcomes = new ConcurrentBag<(int Input, FuzzOutcome Outcome)>();
        var clock = Stopwatch.StartNew();
        var numbers = only >= 0 ? [only] : Enumerable.Range(0, inputs);
        await Parallel.ForEachAsync(numbers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, _) =>
        {
            var random = new Random(unchecked(seed * 1_000_003 + n)); // not HashCode.Combine: it is seeded anew in every process
            var rpc = Rpcs[n % Rpcs.Count];
            var message = generator.Message(rpc.InputType, random);
            var outcome = random.Next(5) < 3
                ? await FuzzCall.GrpcAsync(channel, rpc, generator.Encoding(message, random))
                : await FuzzCall.RestAsync(http, token, rpc, message, generator.Json(message, random), random);
            outcomes.Add((n, outcome));
        });
        clock.Stop();

        var answers = outcomes.GroupBy(o => o.Outcome.Status).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine($"{outcomes.Count} calls in {clock.Elapsed.TotalSeconds:F1} s ({outcomes.Count / clock.Elapsed.TotalSeconds:F0}/s,"
            + $" load {MachineLoad.Now()}): {string.Join(", ", answers)}");
        output.WriteLine($"slowest: {outcomes.Max(o => o.Outcome.Took).TotalMilliseconds:F0} ms; gRPC "
            + $"{outcomes.Count(o => o.Outcome.Transport == "gRPC")}, REST {outcomes.Count(o => o.Outcome.Transport == "REST")}");
        var failed = outcomes
            .Where(o => o.Outcome.Status is StatusCode.Internal or StatusCode.Unknown or StatusCode.DataLoss
                || o.Outcome.HttpStatus >= 500 && o.Outcome.Status is not (StatusCode.Unavailable or StatusCode.DeadlineExceeded)
                || o.Outcome.Took > FuzzCall.Deadline + Slack)
            .OrderBy(o => o.Input).ToList();
        foreach (var (n, o) in failed.Take(20))
            output.WriteLine($"FAILED input {n} (seed {seed}): {o.Rpc} over {o.Transport} → {o.Status} {o.HttpStatus} in "
                + $"{o.Took.TotalMilliseconds:F0} ms: {o.Answer}\n  input: {o.Input}");

        foreach (var (n, o) in outcomes.Where(o => o.Outcome.Status is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            .OrderBy(o => o.Input).Take(10))
            output.WriteLine(
                $"(allowed) input {n}: {o.Rpc} over {o.Transport} → {o.Status} in {o.Took.TotalMilliseconds:F0} ms: {o.Answer}");

        await AssertReadyAsync();
        Assert.Equal(before, await SnapshotAsync(Bystander));
        Assert.True(failed.Count == 0, $"{failed.Count} of {outcomes.Count} inputs (seed {seed}) answered INTERNAL/UNKNOWN or overran the "
            + $"deadline; first: input {failed.FirstOrDefault().Input}, see the output");
        Assert.Equal(only >= 0 ? 1 : inputs, outcomes.Count);
    }

    /// <summary>A city with one of everything, so the fuzzer has real ids to send: plan, node, item with an indicator, budget line, program
    /// with a course, applicant, application.</summary>
    private async Task<List<string>> CityAsync(string municipality)
    {
        var plans = new PlanService.PlanServiceClient(system.Gateway.Channel);
        var plan = (await plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = municipality, Name = "試験市" }, Name = "試験計画", StartFiscalYear = "2019",
            EndFiscalYear = "2021",
        })).Plan;
        var node =
            (await plans.CreateNodeAsync(new CreateNodeRequest { PlanId = plan.Id, LevelName = "施策", Code = "1", Title = "協働" })).Node;
        var item = (await plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id, Fields = new ItemFields { Title = "市民活動支援事業", Departments = { "企画課" }, Purpose = "目的" },
            Placements = { new PlacementInput { NodeId = node.Id, Primary = true } },
            Indicators = { new IndicatorInput { Kind = IndicatorKind.Activity, Name = "回数", Unit = "回",
                Direction = IndicatorDirection.HigherIsBetter } },
        })).Item;
        var goal = (await plans.CreatePriorityGoalAsync(new CreatePriorityGoalRequest
        {
            Goal = new PriorityGoalInput { MunicipalityCode = municipality, Department = "企画課", FiscalYear = "2019", Title = "協働の推進" },
        })).Goal;
        var line = (await new BudgetService.BudgetServiceClient(system.Gateway.Channel).CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = municipality, ItemId = item.Id, FiscalYear = 2019,
            Funding = new FundingBreakdown { CostYen = 1_000_000, GeneralRevenueYen = 1_000_000 },
        })).Line;
        var subsidies = new SubsidyService.SubsidyServiceClient(system.Gateway.Channel);
        var program = (await subsidies.CreateProgramAsync(new CreateProgramRequest
        {
            MunicipalityCode = municipality, Name = "市民活動促進事業補助金",
            Courses = { new CourseInput { Name = "チャレンジ", CapYen = 200_000, AcceptsNewProjects = true } },
        })).Program;
        await subsidies.SetProgramBudgetLineAsync(
            new SetProgramBudgetLineRequest { ProgramId = program.Id, FiscalYear = 2019, BudgetLineId = line.Id });
        var applicant = (await subsidies.RegisterApplicantAsync(
            new RegisterApplicantRequest { MunicipalityCode = municipality, Name = "市民活動団体", Kind = "市民活動団体" })).Applicant;
        var application = (await subsidies.SubmitApplicationAsync(new SubmitApplicationRequest
        {
            ProgramId = program.Id, CourseId = program.Courses[0].Id, FiscalYear = 2019, ApplicantId = applicant.Id,
            ProjectTitle = "地域の見守り", ProjectKind = ProjectKind.New, RequestedYen = 100_000,
        })).Application;
        return [plan.Id, node.Id, item.Id, item.Indicators[0].Id, item.Departments[0].Id, goal.Id, line.Id, program.Id,
            program.Courses[0].Id, applicant.Id, application.Id];
    }

    /// <summary>Everything the services hold of <paramref name="municipality"/>, as the system caller reads it.</summary>
    private async Task<string> SnapshotAsync(string municipality)
    {
        var plans = new PlanService.PlanServiceClient(system.Gateway.Channel);
        var budgets = new BudgetService.BudgetServiceClient(system.Gateway.Channel);
        var subsidies = new SubsidyService.SubsidyServiceClient(system.Gateway.Channel);
        var parts = new List<IMessage>
        {
            await plans.ListPlansAsync(new ListPlansRequest { MunicipalityCode = municipality }),
            await plans.ListDepartmentsAsync(new ListDepartmentsRequest { MunicipalityCode = municipality }),
            await plans.ListItemsAsync(new ListItemsRequest { MunicipalityCode = municipality }),
            await plans.ListPriorityGoalsAsync(new ListPriorityGoalsRequest { MunicipalityCode = municipality }),
            await budgets.ListBudgetLinesAsync(new ListBudgetLinesRequest { MunicipalityCode = municipality }),
            await budgets.ListReservationsAsync(new ListReservationsRequest { MunicipalityCode = municipality }),
            await subsidies.ListProgramsAsync(new ListProgramsRequest { MunicipalityCode = municipality }),
            await subsidies.ListApplicantsAsync(new ListApplicantsRequest { MunicipalityCode = municipality }),
            await subsidies.ListApplicationsAsync(new ListApplicationsRequest { MunicipalityCode = municipality }),
        };
        foreach (var plan in ((ListPlansResponse)parts[0]).Plans)
            parts.Add(await plans.ListNodesAsync(new ListNodesRequest { PlanId = plan.Id }));
        return string.Join("\n", parts.Select(p => JsonFormatter.Default.Format(p)));
    }

    private async Task AssertReadyAsync()
    {
        foreach (var service in new[] { system.Plan, system.Budget, system.Subsidy, system.Reporting, system.Gateway })
        {
            var (status, body) = await service.GetHealthAsync("/readyz");
            Assert.True(status == 200, $"{service.GrpcAddress} is not ready after the fuzz: {status} {body}");
        }
    }

}
