using Google.Rpc;
using Grpc.Core;
using Kyodo.Common.V1;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

/// <summary>
/// A caller whose answer was lost (UNAVAILABLE after the COMMIT, a dropped connection) sends the same
/// request again with its request_id: it gets the first answer, and nothing is stored or announced twice.
/// </summary>
public sealed class RequestIdTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    [Fact]
    public async Task APlanCreatedAgainWithItsRequestIdIsStoredOnceAnnouncedOnceAndAnsweredAsTheFirstTime()
    {
        var request = Plan("99301", "再送される計画", Guid.NewGuid());

        var first = (await fixture.Client.CreatePlanAsync(request)).Plan;
        var again = (await fixture.Client.CreatePlanAsync(request)).Plan;

        Assert.Equal(first, again);
        await using var db = fixture.OpenDatabase();
        Assert.Equal(Guid.Parse(first.Id), Assert.Single(await db.Plans.Where(p => p.MunicipalityCode == "99301").ToListAsync()).Id);
        Assert.Single(await OutboxRowsAsync(db, typeof(PlanCreated), first.Id));
    }

    [Fact]
    public async Task TheSameRequestIdWithAnotherPlanIsRefusedNamingTheConflictAndChangesNothing()
    {
        var requestId = Guid.NewGuid();
        var first = (await fixture.Client.CreatePlanAsync(Plan("99302", "最初の計画", requestId))).Plan;

        var refused = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => fixture.Client.CreatePlanAsync(Plan("99302", "別の計画", requestId)).ResponseAsync);

        Assert.Equal("REQUEST_ID_REUSED", refused.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Contains(requestId.ToString(), refused.Status.Detail);
        Assert.Contains("CreatePlan", refused.Status.Detail);
        await using var db = fixture.OpenDatabase();
        Assert.Equal(Guid.Parse(first.Id), Assert.Single(await db.Plans.Where(p => p.MunicipalityCode == "99302").ToListAsync()).Id);
        Assert.Single(await OutboxRowsAsync(db, typeof(PlanCreated), "99302"));
    }

    [Fact]
    public async Task TwoCallsWithOneRequestIdAtOnceStoreOnePlanAndBothAnswerIt()
    {
        var request = Plan("99303", "同時に届く計画", Guid.NewGuid());

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => fixture.Client.CreatePlanAsync(request).ResponseAsync));

        await using var db = fixture.OpenDatabase();
        var stored = Assert.Single(await db.Plans.Where(p => p.MunicipalityCode == "99303").ToListAsync());
        Assert.All(answers, a => Assert.Equal(stored.Id.ToString(), a.Plan.Id));
        Assert.Single(await OutboxRowsAsync(db, typeof(PlanCreated), stored.Id.ToString()));
    }

    [Fact]
    public async Task AnItemCreatedAgainWithItsRequestIdIsStoredOnceWithOneEvent()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client, municipality: "99304");
        var request = scenario.CommunityCentreItem();
        request.RequestId = Guid.NewGuid().ToString();

        var first = (await fixture.Client.CreateItemAsync(request)).Item;
        var again = (await fixture.Client.CreateItemAsync(request)).Item;

        Assert.Equal(first, again);
        await using var db = fixture.OpenDatabase();
        Assert.Single(await db.Items.Where(i => i.MunicipalityCode == "99304").ToListAsync());
        Assert.Single(await OutboxRowsAsync(db, typeof(ItemCreated), first.Id));
    }

    [Fact]
    public async Task ARequestIdThatIsNotAUuidIsRefusedNamingTheFieldAndNothingIsStored()
    {
        var refused = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => fixture.Client.CreatePlanAsync(new CreatePlanRequest
            {
                Municipality = new MunicipalityRef { Code = "99306" }, Name = "識別子の悪い計画", StartFiscalYear = "2024", EndFiscalYear = "2028",
                RequestId = "retry-1",
            }).ResponseAsync);

        Assert.Contains("request_id", RpcAssert.FieldViolations(refused).Keys);
        await using var db = fixture.OpenDatabase();
        Assert.Empty(await db.Plans.Where(p => p.MunicipalityCode == "99306").ToListAsync());
    }

    [Fact]
    public async Task AnotherCallersUseOfTheSameRequestIdNeitherBlocksNorAnswersThisOne()
    {
        var requestId = Guid.NewGuid();
        var theirs = (await fixture.ClientAs("someone-else").CreatePlanAsync(Plan("99307", "他人の計画", requestId))).Plan;

        var mine = (await fixture.ClientAs("me").CreatePlanAsync(Plan("99307", "自分の計画", requestId))).Plan;

        Assert.NotEqual(theirs.Id, mine.Id);
        Assert.Equal("自分の計画", mine.Name);
    }

    private static CreatePlanRequest Plan(string municipality, string name, Guid requestId) => new()
    {
        Municipality = new MunicipalityRef { Code = municipality, Name = "再送市" }, Name = name, StartFiscalYear = "2024",
        EndFiscalYear = "2028",
        RequestId = requestId.ToString(),
    };

    /// <summary>The outbox rows of <paramref name="eventType"/> whose payload mentions <paramref name="text"/> (an id, a
    /// municipality).</summary>
    private static async Task<List<OutboxMessage>> OutboxRowsAsync(Data.PlanDbContext db, Type eventType, string text) =>
        (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == eventType.FullName).ToListAsync())
            .Where(m => m.Payload.Contains(text, StringComparison.Ordinal)).ToList();
}
