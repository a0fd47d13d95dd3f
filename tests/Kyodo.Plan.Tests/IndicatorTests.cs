using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.V1;
using Kyodo.Testing;

namespace Kyodo.Plan.Tests;

public sealed class IndicatorTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    // 小諸市 市民協働推進事業 (seed 000): 区長研修会の開催回数, 回, targets 3 / 3 / 3 for 平成31–33年度,
    // revised with 特記事項 "活動指標修正：理由 …".
    private const string RevisionReason = "活動指標修正：理由 従来2月、5月に開催していた新任区長研修会を、5月に統一して開催するため。";

    private async Task<(Item Item, Indicator Indicator)> KomoroItemWithIndicatorAsync()
    {
        var plan = (await fixture.Client.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new Common.V1.MunicipalityRef { Code = "20208", Name = "小諸市" },
            Name = $"小諸市 実施計画 {Guid.NewGuid():N}",
            StartFiscalYear = "平成31年度",
            EndFiscalYear = "令和3年度",
        })).Plan;
        var policy = (await fixture.Client.CreateNodeAsync(
            new CreateNodeRequest { PlanId = plan.Id, LevelName = "政策", Code = "6", Title = "全ての主体が参加し、協働するまちづくり" })).Node;
        var measure = (await fixture.Client.CreateNodeAsync(new CreateNodeRequest
        {
            PlanId = plan.Id, ParentId = policy.Id,
            LevelName = "施策", Code = "6-1", Title = "協働によるまちづくりを推進します"
        })).Node;
        var item = (await fixture.Client.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id,
            Fields = new ItemFields
            {
                Title = "市民協働推進事業", Novelty = ItemNovelty.Continuing, Departments = { "企画課" },
                Rank = new RankWithinMeasure { Rank = 1, Of = 3 }, MayoralPledge = MayoralPledge.Partly
            },
            Placements = { new PlacementInput { NodeId = measure.Id, Code = "", Primary = true } },
            Indicators =
            {
                new IndicatorInput
                {
                    Kind = IndicatorKind.Activity, Name = "区長研修会の開催回数", Unit = "回", Direction = IndicatorDirection.HigherIsBetter,
                    Targets =
                    {
                        new YearValueInput { FiscalYear = "平成31年度", Value = "3" },
                        new YearValueInput { FiscalYear = "平成32年度", Value = "3" },
                        new YearValueInput { FiscalYear = "平成33年度", Value = "3" },
                    },
                },
            },
        })).Item;
        return (item, item.Indicators.Single());
    }

    [Fact]
    public async Task ARevisedTargetKeepsItsPreviousValueReasonAndAuthorAndIsPublished()
    {
        var (item, indicator) = await KomoroItemWithIndicatorAsync();

        var revised = (await fixture.ClientAs("komoro-kikaku").ReviseTargetAsync(new ReviseTargetRequest
        {
            IndicatorId = indicator.Id, FiscalYear = "R1", Value = "2", Reason = RevisionReason, ItemVersion = item.Version,
        })).Indicator;

        Assert.Equal(["2019:2", "2020:3", "2021:3"], revised.Targets.Select(t => $"{t.FiscalYear}:{t.Value}"));
        var revision = revised.Revisions.Single();
        Assert.Equal((2019, "3", "2", RevisionReason, "komoro-kikaku"),
            (revision.FiscalYear, revision.PreviousValue, revision.NewValue, revision.Reason, revision.RevisedBy));
        var (published, _) = await fixture.Events.WaitForAsync<IndicatorTargetRevised>(e => e.IndicatorId == Guid.Parse(indicator.Id));
        Assert.Equal((2019, 3m, 2m, RevisionReason), (published.FiscalYear, published.PreviousValue, published.NewValue, published.Reason));
        var history = (await fixture.Client.GetItemHistoryAsync(new GetItemHistoryRequest { Id = item.Id })).Changes;
        Assert.Equal(["created", "target_revised"], history.Select(c => c.Kind));
        Assert.Contains("3 → 2", history[1].Summary);
    }

    [Fact]
    public async Task AnActualIsRecordedWithItsYearsTargetAndCanBeCorrected()
    {
        var (item, indicator) = await KomoroItemWithIndicatorAsync();

        var first = await fixture.ClientAs("clerk-a").RecordActualAsync(new RecordActualRequest
        {
            IndicatorId = indicator.Id,
            FiscalYear = "令和2年度", Value = "2", Note = "感染症のため1回中止", ItemVersion = item.Version
        });
        var corrected = (await fixture.ClientAs("clerk-b").RecordActualAsync(new RecordActualRequest
        {
            IndicatorId = indicator.Id,
            FiscalYear = "2020", Value = "1", ItemVersion = first.ItemVersion
        })).Indicator;

        var actual = corrected.Actuals.Single();
        Assert.Equal((2020, "1", "clerk-b"), (actual.FiscalYear, actual.Value, actual.RecordedBy));
        var recorded =
            await fixture.Events.WaitForAsync<IndicatorActualRecorded>(e => e.IndicatorId == Guid.Parse(indicator.Id) && e.Value == 1m);
        Assert.Equal((2020, 3m, "HigherIsBetter", "回"),
            (recorded.Message.FiscalYear, recorded.Message.Target, recorded.Message.Direction, recorded.Message.Unit));
    }

    [Fact]
    public async Task ARevisionWithoutReasonOrWithABadYearIsRejectedAndChangesNothing()
    {
        var (item, indicator) = await KomoroItemWithIndicatorAsync();

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.ReviseTargetAsync(new ReviseTargetRequest
        {
            IndicatorId = indicator.Id, FiscalYear = "平成0年度", Value = "三", Reason = "", ItemVersion = item.Version,
        }).ResponseAsync);

        Assert.Equal(["fiscal_year", "reason", "value"], RpcAssert.FieldViolations(ex).Keys.Order());
        var stored = (await fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id })).Item.Indicators.Single();
        Assert.Empty(stored.Revisions);
        Assert.Equal("3", stored.Targets.Single(t => t.FiscalYear == 2019).Value);
    }

    [Fact]
    public async Task TwoEditorsOfOneIndicatorCannotOverwriteEachOtherEveryIndicatorWriteNeedsTheItemsVersion()
    {
        var (item, indicator) = await KomoroItemWithIndicatorAsync();
        // Editor A records FY2019's actual from the item as read; editor B, who read the same item, then tries every indicator write.
        var first = await fixture.ClientAs("clerk-a").RecordActualAsync(new RecordActualRequest
        { IndicatorId = indicator.Id, FiscalYear = "平成31年度", Value = "3", ItemVersion = item.Version });
        var afterFirst = (await fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id })).Item;
        Assert.Equal(afterFirst.Version, first.ItemVersion);
        Assert.NotEqual(item.Version, first.ItemVersion);
        var stale = fixture.ClientAs("clerk-b");
        var input = new IndicatorInput
        {
            Kind = IndicatorKind.Outcome, Name = "研修会参加者数", Unit = "人",
            Direction = IndicatorDirection.HigherIsBetter
        };

        var refused = new Dictionary<string, RpcException>
        {
            ["RecordActual"] = await RpcAssert.FailsWith(StatusCode.Aborted, () => stale.RecordActualAsync(new RecordActualRequest
            { IndicatorId = indicator.Id, FiscalYear = "平成31年度", Value = "2", ItemVersion = item.Version }).ResponseAsync),
            ["ReviseTarget"] = await RpcAssert.FailsWith(StatusCode.Aborted, () => stale.ReviseTargetAsync(new ReviseTargetRequest
            {
                IndicatorId = indicator.Id, FiscalYear = "R1", Value = "2", Reason = RevisionReason,
                ItemVersion = item.Version
            }).ResponseAsync),
            ["UpdateIndicator"] = await RpcAssert.FailsWith(StatusCode.Aborted, () => stale.UpdateIndicatorAsync(new UpdateIndicatorRequest
            { IndicatorId = indicator.Id, Indicator = input, ItemVersion = item.Version }).ResponseAsync),
            ["DeleteIndicator"] = await RpcAssert.FailsWith(StatusCode.Aborted, () => stale.DeleteIndicatorAsync(new DeleteIndicatorRequest
            { IndicatorId = indicator.Id, ItemVersion = item.Version }).ResponseAsync),
            ["CreateIndicator"] = await RpcAssert.FailsWith(StatusCode.Aborted, () => stale.CreateIndicatorAsync(new CreateIndicatorRequest
            { ItemId = item.Id, Indicator = input, ItemVersion = item.Version }).ResponseAsync),
            // A request that names no version at all is as stale as any (like every other item write).
            ["RecordActual without version"] =
                await RpcAssert.FailsWith(StatusCode.Aborted, () => stale.RecordActualAsync(new RecordActualRequest
                { IndicatorId = indicator.Id, FiscalYear = "平成31年度", Value = "2" }).ResponseAsync),
        };

        Assert.All(refused.Values, ex => Assert.Contains("item was changed by someone else", ex.Status.Detail));
        Assert.Equal(afterFirst, (await fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id })).Item);
        Assert.Equal(["created", "actual_recorded"],
            (await fixture.Client.GetItemHistoryAsync(new GetItemHistoryRequest { Id = item.Id })).Changes.Select(c => c.Kind));

        // With the version the first write answered, the next one goes through and answers the next version.
        var revised = await stale.ReviseTargetAsync(new ReviseTargetRequest
        { IndicatorId = indicator.Id, FiscalYear = "R1", Value = "2", Reason = RevisionReason, ItemVersion = first.ItemVersion });
        var created = await stale.CreateIndicatorAsync(
            new CreateIndicatorRequest { ItemId = item.Id, Indicator = input, ItemVersion = revised.ItemVersion });
        var redefined = await stale.UpdateIndicatorAsync(
            new UpdateIndicatorRequest { IndicatorId = created.Indicator.Id, Indicator = input, ItemVersion = created.ItemVersion });
        var deleted = await stale.DeleteIndicatorAsync(
            new DeleteIndicatorRequest { IndicatorId = created.Indicator.Id, ItemVersion = redefined.ItemVersion });
        var final = (await fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id })).Item;
        Assert.Equal(final.Version, deleted.ItemVersion);
        Assert.Equal("2", final.Indicators.Single().Targets.Single(t => t.FiscalYear == 2019).Value);
        // And an item write from before the indicator writes is now stale too.
        await RpcAssert.FailsWith(StatusCode.Aborted, () => fixture.Client.SetItemScheduleAsync(
            new SetItemScheduleRequest { ItemId = item.Id, Version = first.ItemVersion }).ResponseAsync);
    }

    [Fact]
    public async Task AnUnknownIndicatorIsNotFound()
    {
        var ex = await RpcAssert.FailsWith(StatusCode.NotFound, () => fixture.Client.RecordActualAsync(new RecordActualRequest
        {
            IndicatorId = Guid.NewGuid().ToString(), FiscalYear = "2019", Value = "1",
        }).ResponseAsync);
        Assert.StartsWith("indicator", ex.Status.Detail);
    }
}
