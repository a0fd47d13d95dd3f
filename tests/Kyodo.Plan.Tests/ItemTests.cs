using Grpc.Core;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.Data;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

public sealed class ItemTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    [Fact]
    public async Task AnItemWithEveryFieldIsStoredReadBackAndPublishedAsItemCreated()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client);
        var request = scenario.CommunityCentreItem();
        request.Fields.Rank = new RankWithinMeasure { Rank = 1, Of = 3 };
        request.Fields.MayoralPledge = MayoralPledge.Partly;
        request.Fields.TargetStakeholders.Add(Stakeholder.Other);
        request.Fields.TargetOther = "小学4年生";
        request.Fields.ExpectedEffects = "地域の拠点ができる";
        request.Fields.SpecialNotes = "特記なし";
        request.Fields.YearlyGoals.Add(new YearlyGoalInput { FiscalYear = "平成21年度", Text = "全公民館で位置づけ" });

        var created = (await fixture.Client.CreateItemAsync(request)).Item;
        var read = (await fixture.Client.GetItemAsync(new GetItemRequest { Id = created.Id })).Item;

        Assert.Equal(["協働推進課", "生涯学習課", "行革推進課"], read.Fields.Departments);
        Assert.Equal("協働推進課", read.Departments[0].Name); // the lead comes first
        Assert.Equal([Stakeholder.Citizens, Stakeholder.LocalCommunity, Stakeholder.CivicGroups, Stakeholder.Other],
            read.Fields.TargetStakeholders);
        Assert.Equal("小学4年生", read.Fields.TargetOther);
        Assert.Equal(["行政"], read.Fields.ImplementingBodies);
        Assert.Equal(["行政改革大綱推進計画"], read.Fields.LinkedPlans);
        Assert.Equal((1, 3), (read.Fields.Rank.Rank, read.Fields.Rank.Of));
        Assert.Equal((ItemNovelty.New, MayoralPledge.Partly), (read.Fields.Novelty, read.Fields.MayoralPledge));
        Assert.Equal(request.Fields.Purpose, read.Fields.Purpose);
        Assert.Equal(request.Fields.CurrentState, read.Fields.CurrentState);
        Assert.Equal(request.Fields.Content, read.Fields.Content);
        Assert.Equal(request.Fields.CompletionCriterion, read.Fields.CompletionCriterion);
        Assert.Equal(("地域の拠点ができる", "特記なし"), (read.Fields.ExpectedEffects, read.Fields.SpecialNotes));
        Assert.Equal((2009, "全公民館で位置づけ"), (read.YearlyGoals.Single().FiscalYear, read.YearlyGoals.Single().Text));
        Assert.Equal("I-(1)-①", read.Placements.Single().Reference);
        // H20 検討, H21 実施・完了予定, H22 empty = nothing planned.
        Assert.Equal([(2008, "検討"), (2009, "実施|完了予定")],
            read.Schedule.Single().Cells.Select(c => (c.FiscalYear, string.Join("|", c.Stages))));

        var (published, _) = await fixture.Events.WaitForAsync<ItemCreated>(e => e.Item.ItemId == Guid.Parse(created.Id));
        Assert.Equal(YamaguchiScenario.Yamaguchi, published.MunicipalityCode);
        Assert.Equal(["協働推進課", "生涯学習課", "行革推進課"], published.Item.Departments.Select(d => d.Name));
        Assert.Equal("I-(1)-①", published.Item.Placements.Single().Reference);
        Assert.Equal(["Citizens", "LocalCommunity", "CivicGroups", "Other"], published.Item.TargetStakeholders);
        Assert.Equal(1, published.Item.Revision);
    }

    [Fact]
    public async Task AReListedItemIsOneRecordFoundUnderBothMeasuresAndCountedOnce()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client, municipality: "35204");
        var request = scenario.CommunityCentreItem();
        request.Placements.Add(new PlacementInput { NodeId = scenario.MeasureIV2.Id, Code = "③", Primary = false }); // 【再掲】
        var item = (await fixture.Client.CreateItemAsync(request)).Item;

        var all = await fixture.Client.ListItemsAsync(new ListItemsRequest { MunicipalityCode = "35204", PlanId = scenario.Plan.Id });
        var underIV =
            await fixture.Client.ListItemsAsync(new ListItemsRequest { MunicipalityCode = "35204", NodeId = scenario.PolicyIV.Id });
        var underI = await fixture.Client.ListItemsAsync(new ListItemsRequest { MunicipalityCode = "35204", NodeId = scenario.PolicyI.Id });

        Assert.Equal((1, 1), (all.TotalCount, all.Items.Count));
        Assert.Equal(item.Id, underIV.Items.Single().Id);
        Assert.Equal(item.Id, underI.Items.Single().Id);
        Assert.Equal(["I-(1)-①", "Ⅳ-(2)-③"], all.Items.Single().Placements.Select(p => p.Reference));
        Assert.True(all.Items.Single().Placements[0].Primary);
        await using var db = fixture.OpenDatabase();
        Assert.Equal(1, await db.Items.CountAsync(i => i.PlanId == Guid.Parse(scenario.Plan.Id)));
        Assert.Equal(2, await db.Placements.CountAsync(p => p.ItemId == Guid.Parse(item.Id)));
    }

    [Fact]
    public async Task TheSecondOfTwoEditorsHoldingTheSameVersionIsAbortedAndTheFirstEditStands()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client);
        var item = (await fixture.Client.CreateItemAsync(scenario.CommunityCentreItem())).Item;

        UpdateItemRequest Edit(string title)
        {
            var fields = item.Fields.Clone();
            fields.Title = title;
            var update = new UpdateItemRequest { Id = item.Id, Version = item.Version, Fields = fields };
            update.Placements.Add(new PlacementInput { NodeId = scenario.MeasureI1.Id, Code = "①", Primary = true });
            return update;
        }

        var first = (await fixture.Client.UpdateItemAsync(Edit("地域交流センターの設置（改）"))).Item;
        var ex = await RpcAssert.FailsWith(StatusCode.Aborted, () => fixture.Client.UpdateItemAsync(Edit("別の題名")).ResponseAsync);

        Assert.Contains("changed by someone else", ex.Status.Detail);
        Assert.NotEqual(item.Version, first.Version);
        var stored = (await fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id })).Item;
        Assert.Equal("地域交流センターの設置（改）", stored.Fields.Title);
        // One accepted update, one event: count what was written, not what has arrived so far.
        await using var db = fixture.OpenDatabase();
        var events = await db.Set<OutboxMessage>().Where(m => m.MessageType == typeof(ItemUpdated).FullName).ToListAsync();
        Assert.Single(events, m => m.Payload.Contains(item.Id));
    }

    [Fact]
    public async Task ThePrimaryPlacementMovesToANodeTheItemWasReListedUnder()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client);
        var request = scenario.CommunityCentreItem();
        request.Placements.Add(new PlacementInput { NodeId = scenario.MeasureIV2.Id, Code = "③", Primary = false });
        var item = (await fixture.Client.CreateItemAsync(request)).Item;

        var update = new UpdateItemRequest { Id = item.Id, Version = item.Version, Fields = item.Fields };
        update.Placements.Add(new PlacementInput { NodeId = scenario.MeasureI1.Id, Code = "①", Primary = false });
        update.Placements.Add(new PlacementInput { NodeId = scenario.MeasureIV2.Id, Code = "③", Primary = true });
        var moved = (await fixture.Client.UpdateItemAsync(update)).Item;

        Assert.Equal("Ⅳ-(2)-③", moved.Placements.Single(p => p.Primary).Reference);
        await using var db = fixture.OpenDatabase();
        Assert.Equal(Guid.Parse(scenario.MeasureIV2.Id),
            (await db.Placements.SingleAsync(p => p.ItemId == Guid.Parse(item.Id) && p.IsPrimary)).NodeId);
    }

    [Fact]
    public async Task AnItemWithSeveralBadFieldsIsRejectedNamingEachAndNothingIsStoredOrPublished()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client);
        var request = scenario.CommunityCentreItem();
        request.Fields.Title = "";
        request.Fields.Departments.Add("新しい課"); // would be added if the item were accepted
        request.Fields.Rank = new RankWithinMeasure { Rank = 4, Of = 3 };
        request.Placements.Add(new PlacementInput { NodeId = Guid.NewGuid().ToString(), Code = "②", Primary = false });
        request.Schedule[0].Cells.Add(new ScheduleCellInput { FiscalYear = "平成30年度", Text = "実施" });
        await using var db = fixture.OpenDatabase();
        var (items, outbox) = (await db.Items.CountAsync(), await db.Set<OutboxMessage>().CountAsync());

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.CreateItemAsync(request).ResponseAsync);

        var violations = RpcAssert.FieldViolations(ex);
        Assert.Equal("is required", violations["fields.title"]);
        Assert.Contains("1 ≤ n ≤ m", violations["fields.rank"]);
        Assert.Equal("is not a node of this plan", violations["placements[1].node_id"]);
        Assert.Contains("outside the plan's period FY2008–FY2012", violations["schedule[0].cells[3].fiscal_year"]);
        Assert.Equal((items, outbox), (await db.Items.CountAsync(), await db.Set<OutboxMessage>().CountAsync()));
        Assert.False(await db.Departments.AnyAsync(d => d.Name == "新しい課"));
    }

    [Fact]
    public async Task AnUpdateRefusedAfterItsDepartmentsWereResolvedLeavesNoNewDepartmentBehind()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client);
        var item = (await fixture.Client.CreateItemAsync(scenario.CommunityCentreItem())).Item;
        var update = new UpdateItemRequest { Id = item.Id, Version = item.Version, Fields = scenario.CommunityCentreItem().Fields };
        update.Placements.Add(item.Placements.Select(p => new PlacementInput { NodeId = p.NodeId, Code = p.Code, Primary = p.Primary }));
        var newDepartment = $"新しい課{Guid.NewGuid():N}";
        update.Fields.Departments.Add(newDepartment);
        await using var db = fixture.OpenDatabase();
        var outbox = await db.Set<OutboxMessage>().CountAsync();

        // Another writer holds the item's row: the update passes its version check, registers the new
        // department, and then waits at its own UPDATE of the item.
        await using var other = fixture.OpenDatabase();
        var itemId = Guid.Parse(item.Id);
        await using (var race = await other.Database.BeginTransactionAsync())
        {
            await other.Database.ExecuteSqlAsync($"SELECT 1 FROM items WHERE id = {itemId} FOR UPDATE");
            var holder = await LockWaits.HolderAsync(other);
            var call = fixture.Client.UpdateItemAsync(update).ResponseAsync;
            await LockWaits.UntilOneWaitsOnAsync(db, holder, call, "The update never reached the locked item row.");
            // The other writer wins: the item's version moves on under the waiting update (as every
            // writer of the service moves it: each row counts its own versions).
            await other.Database.ExecuteSqlAsync($"UPDATE items SET title = title, version = version + 1 WHERE id = {itemId}");
            await race.CommitAsync();

            await RpcAssert.FailsWith(StatusCode.Aborted, () => call);
        }

        Assert.False(await db.Departments.AnyAsync(d => d.Name == newDepartment));
        Assert.Equal(outbox, await db.Set<OutboxMessage>().CountAsync()); // no DepartmentChanged, no ItemUpdated
        var stored = (await fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id })).Item;
        Assert.Equal(item.Departments, stored.Departments);
        Assert.Single((await fixture.Client.GetItemHistoryAsync(new GetItemHistoryRequest { Id = item.Id })).Changes);
    }

    [Fact]
    public async Task ScheduleCombinationsAndUnknownWordsAreKeptAsWrittenAndFilterable()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client, municipality: "35205");
        var item = (await fixture.Client.CreateItemAsync(scenario.CommunityCentreItem())).Item;
        var schedule = new SetItemScheduleRequest { ItemId = item.Id, Version = item.Version };
        schedule.Rows.Add(new ScheduleRowInput
        {
            Cells =
            {
                new ScheduleCellInput { FiscalYear = "H20", Text = "検討・周知" },
                new ScheduleCellInput { FiscalYear = "H21", Text = "検討・一部実施" },
                new ScheduleCellInput { FiscalYear = "H22", Text = "試行" },   // not in the known vocabulary
                new ScheduleCellInput { FiscalYear = "H23", Text = "→" },
                new ScheduleCellInput { FiscalYear = "H24", Text = "見直し・実施" },
            },
        });

        var updated = (await fixture.Client.SetItemScheduleAsync(schedule)).Item;

        Assert.Equal(["検討|周知", "検討|一部実施", "試行", "→", "見直し|実施"], updated.Schedule.Single().Cells.Select(c => string.Join("|", c.Stages)));
        var (published, _) = await fixture.Events.WaitForAsync<ItemScheduleChanged>(e => e.ItemId == Guid.Parse(item.Id));
        Assert.Equal(["試行"], published.Schedule.Single(c => c.FiscalYear == 2010).Stages);
        Assert.Equal(2, published.Revision);

        var trial =
            await fixture.Client.ListItemsAsync(new ListItemsRequest { MunicipalityCode = "35205", FiscalYear = "平成22年度", Stage = "試行" });
        var none =
            await fixture.Client.ListItemsAsync(new ListItemsRequest { MunicipalityCode = "35205", FiscalYear = "平成22年度", Stage = "完了" });
        Assert.Equal(item.Id, trial.Items.Single().Id);
        Assert.Equal(0, none.TotalCount);
    }

    [Fact]
    public async Task ItemsAreFoundByDepartmentStakeholderAndWordsButNeverInAnotherMunicipality()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client, municipality: "35206");
        var item = (await fixture.Client.CreateItemAsync(scenario.CommunityCentreItem())).Item;
        var other = await YamaguchiScenario.CreateAsync(fixture.Client, municipality: "35207");
        await fixture.Client.CreateItemAsync(other.CommunityCentreItem());
        var lifelongLearning = item.Departments.Single(d => d.Name == "生涯学習課").Id;

        async Task<int> Count(ListItemsRequest r) => (await fixture.Client.ListItemsAsync(r)).TotalCount;

        Assert.Equal(1, await Count(new ListItemsRequest { MunicipalityCode = "35206", DepartmentId = lifelongLearning }));
        Assert.Equal(1, await Count(new ListItemsRequest { MunicipalityCode = "35206", TargetStakeholder = Stakeholder.LocalCommunity }));
        Assert.Equal(0, await Count(new ListItemsRequest { MunicipalityCode = "35206", TargetStakeholder = Stakeholder.Businesses }));
        Assert.Equal(1, await Count(new ListItemsRequest { MunicipalityCode = "35206", Text = "公民館 地域交流センター" }));
        Assert.Equal(0, await Count(new ListItemsRequest { MunicipalityCode = "35206", Text = "公民館 図書館" }));
        Assert.Equal(1, await Count(new ListItemsRequest { MunicipalityCode = "35207" }));
    }

    [Fact]
    public async Task ADeletedItemIsGoneAnnouncedAndKeepsItsHistory()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client);
        var item = (await fixture.Client.CreateItemAsync(scenario.CommunityCentreItem())).Item;

        await fixture.ClientAs("tanaka").DeleteItemAsync(new DeleteItemRequest { Id = item.Id, Version = item.Version });

        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id }).ResponseAsync);
        var (deleted, _) = await fixture.Events.WaitForAsync<ItemDeleted>(e => e.ItemId == Guid.Parse(item.Id));
        Assert.Equal(2, deleted.Revision);
        var history = (await fixture.Client.GetItemHistoryAsync(new GetItemHistoryRequest { Id = item.Id })).Changes;
        Assert.Equal(["created", "deleted"], history.Select(c => c.Kind));
        Assert.Equal("tanaka", history[1].ChangedBy);
    }
}
