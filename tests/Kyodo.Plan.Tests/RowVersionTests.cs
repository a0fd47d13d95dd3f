using Google.Protobuf.WellKnownTypes;
using Kyodo.Plan.V1;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

/// <summary>
/// A record's version counts its own changes, so it tells a caller nothing of what other
/// municipalities write (it was PostgreSQL's xmin, one counter for the whole database).
/// </summary>
public sealed class RowVersionTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    [Fact]
    public async Task ARecordsVersionsCountItsOwnChangesWhateverAnotherMunicipalityWritesMeanwhile()
    {
        var mine = await YamaguchiScenario.CreateAsync(fixture.Client, municipality: "35501");
        var item = (await fixture.Client.CreateItemAsync(mine.CommunityCentreItem())).Item;

        // Another city writes many times between my writes.
        var theirs = (await YamaguchiScenario.CreateAsync(fixture.Client, municipality: "35502")).Plan;
        for (var i = 0; i < 5; i++)
            theirs = (await fixture.Client.UpdatePlanAsync(new UpdatePlanRequest
            {
                Id = theirs.Id, Version = theirs.Version, Name = $"他市の計画 {Guid.NewGuid():N}",
                UpdateMask = new FieldMask { Paths = { "name" } },
            })).Plan;
        var renamed = (await fixture.Client.UpdatePlanAsync(new UpdatePlanRequest
        {
            Id = mine.Plan.Id, Version = mine.Plan.Version, Name = $"山口市協働推進プラン（改訂） {Guid.NewGuid():N}",
            UpdateMask = new FieldMask { Paths = { "name" } },
        })).Plan;
        var updated = (await fixture.Client.UpdateItemAsync(new UpdateItemRequest
        {
            Id = item.Id, Version = item.Version, Fields = new ItemFields { Purpose = "拠点づくり" },
            UpdateMask = new FieldMask { Paths = { "fields.purpose" } },
        })).Item;
        var rescheduled =
            (await fixture.Client.SetItemScheduleAsync(new SetItemScheduleRequest { ItemId = item.Id, Version = updated.Version })).Item;

        Assert.Equal((1L, 2L), (mine.Plan.Version, renamed.Version));
        Assert.Equal(6L, theirs.Version);
        Assert.Equal([1L, 2L, 3L], [item.Version, updated.Version, rescheduled.Version]);
        Assert.Equal((1L, 1L), (mine.MeasureI1.Version, mine.PolicyI.Version)); // nodes: unchanged, whatever changed around them
        await using var db = fixture.OpenDatabase();
        Assert.Equal(3L, await db.Items.Where(i => i.Id == Guid.Parse(item.Id)).Select(i => i.Version).SingleAsync());
    }
}
