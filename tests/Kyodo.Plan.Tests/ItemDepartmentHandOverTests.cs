using Kyodo.Contracts.Plan;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

// An item's lead (first) department owns its budget lines, so an editor that shares an item with
// another department may neither drop that department nor take or give the lead, nor delete the
// item unless it is the lead's.
public sealed class ItemDepartmentHandOverTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    private const string Home = "99111";

    private PlanService.PlanServiceClient Editor(params Guid[] departments) =>
        new(fixture.Service.ChannelAs(TestAuth.UserToken(Home, KyodoRoles.Editor, departments)));

    private async Task<(YamaguchiScenario Scenario, Item Item, Guid Finance, Guid Planning)> SharedItemAsync()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client, Home);
        var request = scenario.CommunityCentreItem();
        request.Fields.Departments.Clear();
        request.Fields.Departments.Add("財政課"); // lead
        request.Fields.Departments.Add("企画課");
        var item = (await fixture.Client.CreateItemAsync(request)).Item;
        Assert.Equal(["財政課", "企画課"], item.Departments.Select(d => d.Name));
        return (scenario, item, Guid.Parse(item.Departments[0].Id), Guid.Parse(item.Departments[1].Id));
    }

    private static UpdateItemRequest Update(YamaguchiScenario scenario, Item item, params string[] departments)
    {
        var fields = scenario.CommunityCentreItem();
        fields.Fields.Departments.Clear();
        fields.Fields.Departments.Add(departments);
        return new UpdateItemRequest { Id = item.Id, Version = item.Version, Fields = fields.Fields, Placements = { fields.Placements } };
    }

    [Fact]
    public async Task AnEditorOfTheSecondDepartmentCanNeitherDropTheLeadNorTakeIt()
    {
        var (scenario, item, _, planning) = await SharedItemAsync();
        var editor = Editor(planning);

        await AccessAssert.Denied("UpdateItem (drop 財政課)", () => editor.UpdateItemAsync(Update(scenario, item, "企画課")).ResponseAsync,
            "fields.departments");
        await AccessAssert.Denied("UpdateItem (take the lead)",
            () => editor.UpdateItemAsync(Update(scenario, item, "企画課", "財政課")).ResponseAsync, "fields.departments");

        var stored = (await fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id })).Item;
        Assert.Equal(item, stored);
        Assert.Single((await fixture.Client.GetItemHistoryAsync(new GetItemHistoryRequest { Id = item.Id })).Changes);
    }

    [Fact]
    public async Task AnEditorOfTheLeadCannotGiveTheLeadAwayButMayAddAndDropItsOwn()
    {
        var (scenario, item, finance, planning) = await SharedItemAsync();

        await AccessAssert.Denied("UpdateItem (give the lead)",
            () => Editor(finance).UpdateItemAsync(Update(scenario, item, "企画課", "財政課")).ResponseAsync, "fields.departments");
        Assert.Equal(item, (await fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id })).Item);

        // An editor of both may reorder them; an editor of a non-lead department may still write the item unchanged.
        var reordered = (await Editor(finance, planning).UpdateItemAsync(Update(scenario, item, "企画課", "財政課"))).Item;
        Assert.Equal(["企画課", "財政課"], reordered.Departments.Select(d => d.Name));
        var kept = (await Editor(finance).UpdateItemAsync(Update(scenario, reordered, "企画課", "財政課"))).Item;
        Assert.Equal(["企画課", "財政課"], kept.Departments.Select(d => d.Name));
    }

    [Fact]
    public async Task OnlyAnEditorOfTheLeadDepartmentMayDeleteTheItem()
    {
        var (_, item, finance, planning) = await SharedItemAsync();

        await AccessAssert.Denied("DeleteItem (second department)",
            () => Editor(planning).DeleteItemAsync(new DeleteItemRequest { Id = item.Id, Version = item.Version }).ResponseAsync,
            finance.ToString());

        Assert.Equal(item, (await fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id })).Item);
        Assert.Single((await fixture.Client.GetItemHistoryAsync(new GetItemHistoryRequest { Id = item.Id })).Changes);
        // The outbox holds every event a write queued, published yet or not: none is the item's deletion.
        Assert.Empty(await DeletionsQueuedAsync(item));

        await Editor(finance).DeleteItemAsync(new DeleteItemRequest { Id = item.Id, Version = item.Version });
        await RpcAssert.FailsWith(global::Grpc.Core.StatusCode.NotFound,
            () => fixture.Client.GetItemAsync(new GetItemRequest { Id = item.Id }).ResponseAsync);
        Assert.Single(await DeletionsQueuedAsync(item));
        await fixture.Events.WaitForAsync<ItemDeleted>(e => e.ItemId == Guid.Parse(item.Id));
    }

    /// <summary>The ItemDeleted rows the outbox holds for <paramref name="item"/>.</summary>
    private async Task<List<OutboxMessage>> DeletionsQueuedAsync(Item item)
    {
        await using var db = fixture.OpenDatabase();
        var deletions =
            await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == typeof(ItemDeleted).FullName).ToListAsync();
        return deletions.Where(m => m.Payload.Contains(item.Id)).ToList();
    }
}
