using Grpc.Core;
using Kyodo.Common.V1;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

public sealed class PlanServiceTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    private static CreatePlanRequest YamaguchiPlan() => new()
    {
        Municipality = new MunicipalityRef { Code = "35203", Name = "山口市" },
        Name = "山口市協働推進プラン",
        StartFiscalYear = "2008",
        EndFiscalYear = "2012",
    };

    [Fact]
    public async Task CreatedPlanIsStoredReadBackAndPublishedAsPlanCreated()
    {
        var created = (await fixture.Client.CreatePlanAsync(YamaguchiPlan())).Plan;

        var read = (await fixture.Client.GetPlanAsync(new GetPlanRequest { Id = created.Id })).Plan;
        Assert.Equal(("35203", "山口市協働推進プラン", 2008, 2012), (read.MunicipalityCode, read.Name, read.StartFiscalYear, read.EndFiscalYear));

        await using (var db = fixture.OpenDatabase())
        {
            var stored = await db.Plans.SingleAsync(p => p.Id == Guid.Parse(created.Id));
            Assert.Equal("山口市協働推進プラン", stored.Name);
        }

        var (published, messageId) = await fixture.Events.WaitForAsync<PlanCreated>(e => e.PlanId == Guid.Parse(created.Id));
        Assert.Equal(("35203", 2008, 2012), (published.MunicipalityCode, published.StartFiscalYear, published.EndFiscalYear));
        Assert.Equal(published.EventId, messageId); // inboxes de-duplicate on the broker message id
    }

    [Fact]
    public async Task PlanWithSeveralBadFieldsIsRejectedNamingEveryOneAndNothingIsStoredOrPublished()
    {
        await using var db = fixture.OpenDatabase();
        var plansBefore = await db.Plans.CountAsync();
        var outboxBefore = await db.Set<OutboxMessage>().CountAsync();

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = "3520" },
            Name = " ",
            StartFiscalYear = "2012",
            EndFiscalYear = "2008",
        }).ResponseAsync);

        var violations = RpcAssert.FieldViolations(ex);
        Assert.Equal(["end_fiscal_year", "municipality.code", "name"], violations.Keys.Order());
        Assert.Contains("before start_fiscal_year", violations["end_fiscal_year"]);
        Assert.Equal(plansBefore, await db.Plans.CountAsync());
        Assert.Equal(outboxBefore, await db.Set<OutboxMessage>().CountAsync());
    }

    [Fact]
    public async Task UnknownPlanIsNotFoundAndMalformedIdIsInvalidArgument()
    {
        var missing = await RpcAssert.FailsWith(StatusCode.NotFound,
            () => fixture.Client.GetPlanAsync(new GetPlanRequest { Id = Guid.NewGuid().ToString() }).ResponseAsync);
        Assert.Contains("was not found", missing.Status.Detail);

        var malformed = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => fixture.Client.GetPlanAsync(new GetPlanRequest { Id = "plan-1" }).ResponseAsync);
        Assert.Equal("must be a UUID", RpcAssert.FieldViolations(malformed)["id"]);
    }

    [Fact]
    public async Task ListingPagesThroughOneMunicipalitysPlansInCreationOrderWithoutMixingAnother()
    {
        const string komoro = "20208";
        var created = new List<string>();
        foreach (var year in new[] { 2017, 2018, 2019 })
        {
            var request = new CreatePlanRequest
            {
                Municipality = new MunicipalityRef { Code = komoro },
                Name = $"小諸市 実施計画 FY{year}",
                StartFiscalYear = year.ToString(),
                EndFiscalYear = (year + 2).ToString(),
            };
            created.Add((await fixture.Client.CreatePlanAsync(request)).Plan.Id);
        }
        await fixture.Client.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = "13211" },
            Name = "小平市 行財政再構築プラン",
            StartFiscalYear = "2017",
            EndFiscalYear = "2020",
        });

        var first = await fixture.Client.ListPlansAsync(
            new ListPlansRequest { MunicipalityCode = komoro, Page = new PageRequest { PageSize = 2 } });
        var second = await fixture.Client.ListPlansAsync(new ListPlansRequest
        {
            MunicipalityCode = komoro,
            Page = new PageRequest { PageSize = 2, PageToken = first.Page.NextPageToken },
        });

        Assert.Equal(created, first.Plans.Concat(second.Plans).Select(p => p.Id));
        Assert.NotEmpty(first.Page.NextPageToken);
        Assert.Empty(second.Page.NextPageToken);
    }
}
