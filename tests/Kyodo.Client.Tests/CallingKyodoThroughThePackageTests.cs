using Google.Rpc;
using Grpc.Core;
using Kyodo.Client;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;

namespace Kyodo.Client.Tests;

// What a city system does first with the package: create a plan, read it back, and read a
// refusal's details, against the running system named by KYODO_GATEWAY with KYODO_TOKEN.
public sealed class CallingKyodoThroughThePackageTests : IDisposable
{
    private readonly KyodoClient _kyodo = KyodoClient.Create(
        new Uri(Required("KYODO_GATEWAY")), KyodoCredentials.BearerToken(Required("KYODO_TOKEN")));

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: this project calls a running Kyodo (see its .csproj)");

    [Fact]
    public async Task APlanCreatedThroughThePackageReadsBackWithItsPeriod()
    {
        var name = $"パッケージ試験 {Guid.NewGuid():N}";
        var created = await _kyodo.Plan.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = "99019", Name = "試験市" },
            Name = name,
            StartFiscalYear = "令和2年度",
            EndFiscalYear = "R6",
        });

        var read = await _kyodo.Plan.GetPlanAsync(new GetPlanRequest { Id = created.Plan.Id });
        Assert.Equal(name, read.Plan.Name);
        Assert.Equal(2020, read.Plan.StartFiscalYear);
        Assert.Equal(2024, read.Plan.EndFiscalYear);
    }

    [Fact]
    public async Task ARefusedPlanComesBackAsInvalidArgumentNamingTheBadField()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => _kyodo.Plan.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = "99019", Name = "試験市" },
            Name = "期間の逆転した計画",
            StartFiscalYear = "2024",
            EndFiscalYear = "2020",
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var details = refused.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(details);
        Assert.Contains(details.FieldViolations, v => v.Field.Contains("fiscal_year", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APlanSentAgainWithItsRequestIdThroughThePackageIsTheSamePlan()
    {
        var request = new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = "99019", Name = "試験市" },
            Name = $"再送試験 {Guid.NewGuid():N}", StartFiscalYear = "2024", EndFiscalYear = "2028",
            RequestId = Guid.NewGuid().ToString(),
        };

        var first = (await _kyodo.Plan.CreatePlanAsync(request)).Plan;
        var again = (await _kyodo.Plan.CreatePlanAsync(request)).Plan;

        Assert.Equal(first.Id, again.Id);
    }

    [Fact]
    public async Task TwoCreatesFromOneRequestObjectWithoutARequestIdAreTwoRequests()
    {
        var request = new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = "99019", Name = "試験市" },
            Name = $"別々の計画 {Guid.NewGuid():N}", StartFiscalYear = "2024", EndFiscalYear = "2028",
        };
        await _kyodo.Plan.CreatePlanAsync(request);

        // The package gave the first call an id of its own, on a copy: the second is a new request, refused for its name.
        var second = await Assert.ThrowsAsync<RpcException>(() => _kyodo.Plan.CreatePlanAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, second.StatusCode);
        Assert.Equal("", request.RequestId);
    }

    [Fact]
    public void CreatesAndLifecycleStepsAreRetriedAfterUnavailableButUpdatesAreNot()
    {
        var config = KyodoRetryPolicy.ForChannel(new KyodoClientOptions());
        bool RetriesUnavailable(string method) => config.MethodConfigs.Single(c => c.Names.Any(n => n.Method == method))
            .RetryPolicy!.RetryableStatusCodes.Contains(StatusCode.Unavailable);

        Assert.True(RetriesUnavailable("CreatePlan"));
        Assert.True(RetriesUnavailable("SubmitApplication"));
        Assert.True(RetriesUnavailable("ApproveEvaluation"));
        Assert.False(RetriesUnavailable("UpdatePlan"));
        Assert.False(RetriesUnavailable("DeletePlan"));
    }

    public void Dispose() => _kyodo.Dispose();
}
