using System.Text.Json;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Kyodo.Audit;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Tests;

/// <summary>
/// Every write leaves who (subject, address), when and what (before/after) in the audit trail, in
/// the same transaction as the change: rejected writes leave nothing, and neither the change nor its
/// audit row is ever stored without the other.
/// </summary>
public sealed class AuditTrailTests(PlanServiceFixture fixture) : IClassFixture<PlanServiceFixture>
{
    private const string Yamaguchi = YamaguchiScenario.Yamaguchi;

    /// <summary>A caller the gateway forwarded: its token names it and YARP adds the client's address first.</summary>
    private PlanService.PlanServiceClient ClientThroughGateway(string actor, string forwardedFor) =>
        new(fixture.Service.Channel.Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + TestAuth.SystemTokenAs(actor));
            metadata.Add("x-forwarded-for", forwardedFor);
            return metadata;
        }));

    private async Task<IReadOnlyList<AuditEntry>> TrailAsync(string recordType, string id, string municipality = Yamaguchi) =>
        (await fixture.Client.GetAuditTrailAsync(
            new GetAuditTrailRequest { MunicipalityCode = municipality, RecordType = recordType, RecordId = id })).Entries;

    private static AuditChange Change(AuditEntry entry, string field, string? entity = null) =>
        Assert.Single(entry.Changes, c => c.Field == field && c.Entity == (entity ?? entry.RecordType));

    private static string Json(object value) => JsonSerializer.Serialize(value,
        new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private async Task<int> StoredAuditRowsAsync(Func<IQueryable<AuditRecord>, IQueryable<AuditRecord>>? filter = null)
    {
        await using var db = fixture.OpenDatabase();
        var rows = db.Set<AuditRecord>().AsQueryable();
        return await (filter is null ? rows : filter(rows)).CountAsync();
    }

    [Fact]
    public async Task APlanCreatedRenamedAndDeletedLeavesWhoWhenWhereAndWhatNewestFirst()
    {
        var client = ClientThroughGateway("tanaka@city.yamaguchi", "203.0.113.7, 10.0.0.2");
        var name = $"山口市協働推進プラン {Guid.NewGuid():N}";
        var plan = (await client.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = Yamaguchi, Name = "山口市" }, Name = name, StartFiscalYear = "平成20年度",
            EndFiscalYear = "H24",
        })).Plan;
        var renamed = (await client.UpdatePlanAsync(new UpdatePlanRequest
        {
            Id = plan.Id, Version = plan.Version, Name = name + "（改訂）", StartFiscalYear = "平成20年度", EndFiscalYear = "H24",
        })).Plan;
        await client.DeletePlanAsync(new DeletePlanRequest { Id = plan.Id, Version = renamed.Version });

        var trail = await TrailAsync("plan", plan.Id);

        Assert.Equal(["deleted", "updated", "created"], trail.Select(e => e.Action));
        Assert.All(trail, e => Assert.Equal(("tanaka@city.yamaguchi", "203.0.113.7", "127.0.0.1", "plan", plan.Id),
            (e.Actor.Subject, e.Actor.Address, e.Actor.PeerAddress, e.RecordType, e.RecordId)));
        Assert.True(trail[0].OccurredAt.ToDateTimeOffset() >= trail[1].OccurredAt.ToDateTimeOffset()
            && trail[1].OccurredAt.ToDateTimeOffset() >= trail[2].OccurredAt.ToDateTimeOffset());
        Assert.True(trail[2].OccurredAt.ToDateTimeOffset() >= plan.CreatedAt.ToDateTimeOffset());

        var (deleted, updated, created) = (trail[0], trail[1], trail[2]);
        // Created: every field after, nothing before; 平成20年度 is FY2008, H24 FY2012.
        Assert.Equal(("", Json(name)), (Change(created, "name").Before, Change(created, "name").After));
        Assert.Equal(("2008", "2012"), (Change(created, "start_fiscal_year").After, Change(created, "end_fiscal_year").After));
        Assert.Equal(Json(Yamaguchi), Change(created, "municipality_code").After);
        Assert.All(created.Changes, c => Assert.Equal("", c.Before));
        // Updated: only what differs.
        Assert.Equal((Json(name), Json(name + "（改訂）")), (Change(updated, "name").Before, Change(updated, "name").After));
        Assert.DoesNotContain(updated.Changes, c => c.Field is "start_fiscal_year" or "end_fiscal_year" or "municipality_code");
        // Deleted: every field before, nothing after.
        Assert.Equal((Json(name + "（改訂）"), ""), (Change(deleted, "name").Before, Change(deleted, "name").After));
        Assert.All(deleted.Changes, c => Assert.Equal("", c.After));

        Assert.Equal(3, await StoredAuditRowsAsync(rows => rows.Where(a => a.RecordType == "plan" && a.RecordId == plan.Id)));
    }

    [Fact]
    public async Task AChangedScheduleCellIsFiledUnderItsItemAndAnIndicatorUnderItsItemsMunicipality()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client);
        var request = scenario.CommunityCentreItem();
        request.Indicators.Add(new IndicatorInput
        {
            Kind = IndicatorKind.Activity, Name = "地域交流センター設置数", Unit = "館", Direction = IndicatorDirection.HigherIsBetter,
            Targets = { new YearValueInput { FiscalYear = "H21", Value = "21" } },
        });
        var item = (await fixture.Client.CreateItemAsync(request)).Item;

        // H21 (FY2009) goes from 実施・完了予定 to 実施 only; H20 stays 検討.
        var rows = request.Schedule.Clone();
        rows[0].Cells.Single(c => c.FiscalYear == "H21").Text = "実施";
        var rescheduled = (await fixture.ClientAs("suzuki")
            .SetItemScheduleAsync(new SetItemScheduleRequest { ItemId = item.Id, Version = item.Version, Rows = { rows } })).Item;
        var indicator = item.Indicators.Single();
        await fixture.ClientAs("suzuki").RecordActualAsync(
            new RecordActualRequest { IndicatorId = indicator.Id, FiscalYear = "H21", Value = "18", ItemVersion = rescheduled.Version });

        var itemTrail = await TrailAsync("item", item.Id);
        // Newest first: the actual (which moves the item's revision: its events carry the whole item), the schedule, the creation.
        Assert.Equal(["updated", "updated", "created"], itemTrail.Select(e => e.Action));
        Assert.Equal(["revision", "updated_at"], itemTrail[0].Changes.Select(c => c.Field).Order(StringComparer.Ordinal));
        itemTrail = itemTrail.Skip(1).ToList();
        var cells = itemTrail[0].Changes.Where(c => c.Entity == "schedule_cell").ToList();
        var cell = Assert.Single(cells, c => c.Field == "stages");
        Assert.Equal((1, 2009), (JsonDocument.Parse(cell.EntityKey).RootElement.GetProperty("row").GetInt32(),
            JsonDocument.Parse(cell.EntityKey).RootElement.GetProperty("fiscal_year").GetInt32()));
        Assert.Equal((Json(new[] { "実施", "完了予定" }), Json(new[] { "実施" })), (cell.Before, cell.After));
        Assert.Equal("suzuki", itemTrail[0].Actor.Subject);
        // The creation names every part: the item's own fields and its placement, schedule cells and yearly goals.
        Assert.Contains(itemTrail[1].Changes, c => c.Entity == "item_placement" && c.Field == "code" && c.After == Json("①"));
        Assert.Equal(Json("地域交流センターの設置"), Change(itemTrail[1], "title").After);

        // An indicator has no municipality of its own: it is its item's.
        var indicatorTrail = await TrailAsync("indicator", indicator.Id);
        Assert.Equal(["updated", "created"], indicatorTrail.Select(e => e.Action));
        var actual = Assert.Single(indicatorTrail[0].Changes, c => c.Entity == "indicator_actual" && c.Field == "value");
        Assert.Equal(("", "18"), (actual.Before, actual.After));
        await RpcAssert.FailsWith(StatusCode.NotFound, () => fixture.Client.GetAuditTrailAsync(new GetAuditTrailRequest
        {
            MunicipalityCode = "20208", RecordType = "indicator", RecordId = indicator.Id,
        }).ResponseAsync);
    }

    [Fact]
    public async Task RejectedWritesLeaveNoAuditRow()
    {
        var scenario = await YamaguchiScenario.CreateAsync(fixture.Client);
        var item = (await fixture.Client.CreateItemAsync(scenario.CommunityCentreItem())).Item;
        var plan = scenario.Plan;
        var before = await StoredAuditRowsAsync();

        // Validation error, stale version, domain rule (a department an item names cannot go), duplicate name.
        await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.UpdatePlanAsync(new UpdatePlanRequest
        {
            Id = plan.Id, Version = plan.Version, Name = "", StartFiscalYear = "平成20年度", EndFiscalYear = "H24",
            UpdateMask = new() { Paths = { "*" } }, // an empty name counts only when the mask names it
        }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.Aborted, () => fixture.Client.UpdatePlanAsync(new UpdatePlanRequest
        {
            Id = plan.Id, Version = plan.Version + 1, Name = plan.Name + " 改", StartFiscalYear = "平成20年度", EndFiscalYear = "H24",
        }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => fixture.Client.DeleteDepartmentAsync(
            new DeleteDepartmentRequest { Id = item.Departments[0].Id }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.Aborted, () => fixture.Client.SetItemScheduleAsync(
            new SetItemScheduleRequest { ItemId = item.Id, Version = item.Version + 1 }).ResponseAsync);

        Assert.Equal(before, await StoredAuditRowsAsync());
        Assert.Equal(plan.Name, (await fixture.Client.GetPlanAsync(new GetPlanRequest { Id = plan.Id })).Plan.Name);
    }

    [Fact]
    public async Task NeitherAChangeNorItsAuditRowIsStoredWithoutTheOther()
    {
        var department = (await fixture.Client.CreateDepartmentAsync(
            new CreateDepartmentRequest { MunicipalityCode = Yamaguchi, Name = "監査テスト課" })).Department;
        var outboxBefore = await OutboxRowsAsync();
        var auditBefore = await StoredAuditRowsAsync();
        try
        {
            // The audit row cannot be stored (the database refuses it): the rename it records must not be either.
            await ExecuteAsync("ALTER TABLE audit_entries ADD CONSTRAINT test_refuses_audit CHECK (changes::text NOT LIKE '%記録拒否課%')");
            await RpcAssert.FailsWith(StatusCode.Internal, () => fixture.Client.UpdateDepartmentAsync(
                new UpdateDepartmentRequest { Id = department.Id, Name = "記録拒否課" }).ResponseAsync);
            // The change cannot be stored, though its audit row was added to the same save: neither is.
            await ExecuteAsync("ALTER TABLE departments ADD CONSTRAINT test_refuses_department CHECK (name <> '変更拒否課')");
            await RpcAssert.FailsWith(StatusCode.Internal, () => fixture.Client.CreateDepartmentAsync(
                new CreateDepartmentRequest { MunicipalityCode = Yamaguchi, Name = "変更拒否課" }).ResponseAsync);
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE audit_entries DROP CONSTRAINT IF EXISTS test_refuses_audit");
            await ExecuteAsync("ALTER TABLE departments DROP CONSTRAINT IF EXISTS test_refuses_department");
        }

        var names = (await fixture.Client.ListDepartmentsAsync(
            new ListDepartmentsRequest { MunicipalityCode = Yamaguchi })).Departments.Select(d => d.Name);
        Assert.Contains("監査テスト課", names);
        Assert.DoesNotContain("記録拒否課", names);
        Assert.DoesNotContain("変更拒否課", names);
        Assert.Equal(auditBefore, await StoredAuditRowsAsync());
        Assert.Equal(outboxBefore, await OutboxRowsAsync());
        // And with nothing in the way, the same rename is stored with its row.
        await fixture.Client.UpdateDepartmentAsync(new UpdateDepartmentRequest { Id = department.Id, Name = "記録拒否課" });
        var trail = await TrailAsync("department", department.Id);
        Assert.Equal(["updated", "created"], trail.Select(e => e.Action));
        Assert.Equal((Json("監査テスト課"), Json("記録拒否課")), (Change(trail[0], "name").Before, Change(trail[0], "name").After));
    }

    [Fact]
    public async Task TheTrailIsPagedNewestFirstAndAnUnknownOrForeignRecordIsNotFound()
    {
        var department = (await fixture.Client.CreateDepartmentAsync(
            new CreateDepartmentRequest { MunicipalityCode = Yamaguchi, Name = "広報課" })).Department;
        foreach (var name in new[] { "広報広聴課", "シティセールス課", "広報課" })
            await fixture.Client.UpdateDepartmentAsync(new UpdateDepartmentRequest { Id = department.Id, Name = name });

        var pages = new List<AuditEntry>();
        var token = "";
        do
        {
            var page = await fixture.Client.GetAuditTrailAsync(new GetAuditTrailRequest
            {
                MunicipalityCode = Yamaguchi, RecordType = "department", RecordId = department.Id,
                Page = new PageRequest { PageSize = 1, PageToken = token },
            });
            pages.AddRange(page.Entries);
            token = page.Page.NextPageToken;
        } while (token != "" && pages.Count < 10);

        // Newest first: the last rename back to 広報課, then シティセールス課, 広報広聴課, the creation.
        Assert.Equal([Json("広報課"), Json("シティセールス課"), Json("広報広聴課"), Json("広報課")],
            pages.Select(e => Change(e, "name").After));
        Assert.Equal(["updated", "updated", "updated", "created"], pages.Select(e => e.Action));

        await RpcAssert.FailsWith(StatusCode.NotFound, () => fixture.Client.GetAuditTrailAsync(new GetAuditTrailRequest
        {
            MunicipalityCode = Yamaguchi, RecordType = "department", RecordId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        // Another municipality asking about this department gets the same answer as for a missing one.
        await RpcAssert.FailsWith(StatusCode.NotFound, () => fixture.Client.GetAuditTrailAsync(new GetAuditTrailRequest
        {
            MunicipalityCode = "20208", RecordType = "department", RecordId = department.Id,
        }).ResponseAsync);
        var invalid = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.GetAuditTrailAsync(new GetAuditTrailRequest
        {
            MunicipalityCode = "3520", RecordType = "budget_line", RecordId = "",
        }).ResponseAsync);
        Assert.Equal(["municipality_code", "record_id", "record_type"],
            RpcAssert.FieldViolations(invalid).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RawUpsertsOfMunicipalitiesAndDepartmentsAreAuditedToo()
    {
        // 松江市, new to this database: registered, then renamed; an item then names a department nobody created.
        const string Matsue = "32201";
        var client = ClientThroughGateway("matsue-admin", "192.0.2.44");
        await client.UpsertMunicipalityAsync(
            new UpsertMunicipalityRequest { Municipality = new MunicipalityRef { Code = Matsue, Name = "松江市" } });
        await client.UpsertMunicipalityAsync(
            new UpsertMunicipalityRequest { Municipality = new MunicipalityRef { Code = Matsue, Name = "松江市役所" } });
        await client.UpsertMunicipalityAsync(
            new UpsertMunicipalityRequest { Municipality = new MunicipalityRef { Code = Matsue, Name = "松江市役所" } });
        var scenario = await YamaguchiScenario.CreateAsync(client, municipality: Matsue);
        var item = (await client.CreateItemAsync(scenario.CommunityCentreItem())).Item;

        var municipality = await TrailAsync("municipality", Matsue, Matsue);
        // The third upsert changed nothing, so it left nothing; the plan (whose request names the
        // municipality 山口市, as the scenario does) renamed it once more.
        Assert.Equal(["updated", "updated", "created"], municipality.Select(e => e.Action));
        Assert.Equal((Json("松江市役所"), Json("山口市")), (Change(municipality[0], "name").Before, Change(municipality[0], "name").After));
        Assert.Equal((Json("松江市"), Json("松江市役所")), (Change(municipality[1], "name").Before, Change(municipality[1], "name").After));
        Assert.Equal(("", Json("松江市")), (Change(municipality[2], "name").Before, Change(municipality[2], "name").After));
        Assert.All(municipality, e => Assert.Equal(("matsue-admin", "192.0.2.44"), (e.Actor.Subject, e.Actor.Address)));
        var lead = item.Departments[0];
        var department = Assert.Single(await TrailAsync("department", lead.Id, Matsue));
        Assert.Equal(("created", Json("協働推進課"), "matsue-admin"),
            (department.Action, Change(department, "name").After, department.Actor.Subject));
    }

    [Fact]
    public void EveryAuditedRecordTypeBelongsToAMunicipality()
    {
        using var db = fixture.OpenDatabase();
        Assert.Equal(["department", "evaluation", "evaluation_settings", "indicator", "item", "municipality", "plan", "plan_node",
            "priority_goal"], AuditTrail.RecordTypes(db.Model).Order(StringComparer.Ordinal));
        Assert.Empty(AuditTrail.RecordTypesWithoutMunicipality(db.Model));
    }

    [Fact]
    public void TheAuditInterceptorRunsAfterTheVersionCountersAndTheOutboxSignalAndBeforeSavepointsAreTurnedOff() =>
        Assert.Equal(SaveInterceptors.OfAnAuditingService, SaveInterceptors.Of<Data.PlanDbContext>(fixture.Service.Services));

    private async Task<int> OutboxRowsAsync()
    {
        await using var db = fixture.OpenDatabase();
        return await db.Set<OutboxMessage>().CountAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = fixture.OpenDatabase();
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
