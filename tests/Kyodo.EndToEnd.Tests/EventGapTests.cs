using Grpc.Core;
using Kyodo.Budget;
using Kyodo.Common.V1;
using Kyodo.Plan;
using Kyodo.Plan.V1;
using Kyodo.Reporting;
using Kyodo.Security;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Subsidy;
using Kyodo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// Reporting notices an event it never received and repairs it without an operator, and does not
/// take a sequence a rolled-back write used for a lost event (decision 039). A system of its own per
/// test: the services first, then reporting with their addresses (its gap watch needs them; nothing
/// is published before the test writes, so no event is dropped for want of reporting's queues).
/// </summary>
public sealed class EventGapTests : IAsyncLifetime
{
    private const string Municipality = "20321";
    // The outbox relay's advisory lock (OutboxRelay.RelayLockKey): held by the test, the relay publishes nothing.
    private const long RelayLockKey = 0x4B796F646F4F7574;
    // The missing-event watch's (EventGapWatch.WatchLockKey): held by the test, no round runs.
    private const long WatchLockKey = 0x4B796F646F476170;
    private readonly OwnedResources _owned = new();
    private readonly Dictionary<string, TestDatabase> _databases = [];
    private readonly CapturedLogs _logs = new();
    private ServiceUnderTest _plan = null!, _reporting = null!;
    private EventGapProbe _probe = null!;

    private PlanService.PlanServiceClient Plans => new(_plan.Channel);

    private async Task StartAsync(TimeSpan grace)
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var virtualHost = _owned.Own(await TestVirtualHost.CreateAsync(infrastructure, "gaps"));
        foreach (var name in new[] { "Plan", "Budget", "Subsidy", "Reporting" })
            _databases[name] = _owned.Own(await TestDatabase.CreateAsync(infrastructure, "gaps_" + name.ToLowerInvariant()));
        Task<ServiceUnderTest> Start(string name, Func<string[], Action<WebApplicationBuilder>?, WebApplication> create,
            Dictionary<string, string?> extra, Action<WebApplicationBuilder>? configure = null)
        {
            var settings = ServiceSettings.For(name, _databases[name], virtualHost);
            foreach (var (key, value) in extra) settings[key] = value;
            return ServiceUnderTest.StartAsync(create, settings, configure: configure);
        }
        _plan = _owned.Own(await Start("Plan", PlanApp.Create, []));
        var budget = _owned.Own(await Start("Budget", BudgetApp.Create, new() { ["Services:Plan"] = _plan.GrpcAddress.ToString() }));
        var subsidy = _owned.Own(await Start("Subsidy", SubsidyApp.Create, new() { ["Services:Budget"] = budget.GrpcAddress.ToString() }));
        _reporting = _owned.Own(await Start("Reporting", ReportingApp.Create,
            EventGapProbe.Settings(_plan.GrpcAddress, budget.GrpcAddress, subsidy.GrpcAddress, grace), _logs.AttachTo));
        _probe = new EventGapProbe(_reporting);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnEventMarkedSentButNeverPublishedIsNamedInReadinessMetricAndLogAndItsRecordRebuiltWithoutAnOperator()
    {
        await StartAsync(grace: TimeSpan.FromSeconds(5));
        var item = await WriteAnItemAsync();
        await ReportingHoldsAsync(item);

        // The relay is held off (its lock taken), the item renamed, and the rename's outbox row marked
        // sent without being published: the event is lost for every consumer.
        await using var planDb = await OpenAsync("Plan");
        await ExecuteAsync(planDb, $"SELECT pg_advisory_lock({RelayLockKey})");
        var renamed = await RenameAsync(item, "名前を変えた事業");
        var lost = await LongsAsync(planDb, "UPDATE outbox_messages SET sent_at = now() WHERE sent_at IS NULL RETURNING sequence");
        await ExecuteAsync(planDb, $"SELECT pg_advisory_unlock({RelayLockKey})");
        var sequence = Assert.Single(lost);

        // Reporting's row comes to equal the plan service's item (its title and revision), and the
        // watch's mark passes the lost sequence once the repair is recorded.
        var row = await ReportingHoldsAsync(renamed);
        await Eventually.ReachesAsync(async () => (await _probe.WatermarkAsync("plan"))!.CheckedThrough, c => c >= sequence,
            $"plan checked through {sequence}");
        Assert.Equal((renamed.Fields.Title, renamed.Revision), (row.Title, row.Revision));
        // The event was never consumed: the repair wrote it, not the consumer.
        Assert.Equal(["EventGapRepair"], await InboxConsumersAsync(sequence));

        // What an operator sees: the readiness entry (still ready), the counters, one log line, each naming plan and the sequence.
        var readiness = await _probe.ReadinessAsync();
        Assert.Equal((200, "Healthy"), (readiness.Http, readiness.Status));
        Assert.Contains($"plan checked through sequence", readiness.Description);
        Assert.Contains($"repaired sequences {sequence} (Kyodo.Contracts.Plan.ItemUpdated, {Municipality})", readiness.Description);
        Assert.True(_probe.Sum("kyodo.reporting.events.missing", "plan") >= 1);
        Assert.True(_probe.Sum("kyodo.reporting.events.repaired", "plan") >= 1);
        Assert.Equal(0, _probe.Sum("kyodo.reporting.events.missing", "budget") + _probe.Sum("kyodo.reporting.events.missing", "subsidy"));
        Assert.Contains(_logs.Lines, l => l.StartsWith("Warning ", StringComparison.Ordinal)
            && l.Contains(
                $"that plan published more than 5s ago: sequences {sequence} (Kyodo.Contracts.Plan.ItemUpdated, {Municipality}); "
                + $"rebuilding municipalities {Municipality}",
                StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASequenceARolledBackWriteTookIsWaitedForWhileItsTransactionRunsThenPassedWithoutAGap()
    {
        // A long grace: an event merely slow to arrive is not what this test is about.
        await StartAsync(grace: TimeSpan.FromSeconds(30));
        var item = await WriteAnItemAsync();
        await ReportingHoldsAsync(item);

        // A write takes the next outbox sequence and stays open; a later write commits, is published and consumed.
        await using var open = await OpenAsync("Plan");
        await using var transaction = await open.BeginTransactionAsync();
        var taken = Assert.Single(await LongsAsync(open, """
            INSERT INTO outbox_messages (message_id, message_type, payload, occurred_at, attempts)
            VALUES (gen_random_uuid(), 'Kyodo.Contracts.Plan.ItemUpdated', '{}', now(), 0) RETURNING sequence
            """, transaction));
        var renamed = await RenameAsync(item, "後から確定した変更");
        await ReportingHoldsAsync(renamed);
        var later = await PlanOutboxMaxAsync();
        Assert.True(later > taken);

        // While it runs the sequence may still commit: the watch does not pass it, whatever it sees after it.
        var before = (await _probe.WatermarkAsync("plan"))?.UpdatedAt;
        await Eventually.ReachesAsync(() => _probe.WatermarkAsync("plan"),
            w => w is not null && w.UpdatedAt > before.GetValueOrDefault().AddSeconds(3), "three more rounds of the watch");
        Assert.True((await _probe.WatermarkAsync("plan"))!.CheckedThrough < taken);

        // Rolled back, the sequence never commits: the watch passes it without calling it missing.
        await transaction.RollbackAsync();
        await Eventually.ReachesAsync(async () => (await _probe.WatermarkAsync("plan"))!.CheckedThrough, c => c >= later,
            $"plan checked through {later}");
        var readiness = await _probe.ReadinessAsync();
        Assert.Equal((200, "Healthy"), (readiness.Http, readiness.Status));
        Assert.DoesNotContain("missing", readiness.Description);
        Assert.DoesNotContain("repaired", readiness.Description);
        Assert.Equal(0, _probe.Sum("kyodo.reporting.events.missing", "plan"));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("never received", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEventPrunedFromThePublishersOutboxBeforeItWasCheckedIsReportedAsUncheckedNotTakenForARollback()
    {
        await StartAsync(grace: TimeSpan.FromSeconds(30));
        var item = await WriteAnItemAsync();
        await ReportingHoldsAsync(item);
        var written = await PlanOutboxMaxAsync();
        await Eventually.ReachesAsync(async () => (await _probe.WatermarkAsync("plan"))!.CheckedThrough, c => c >= written,
            $"plan checked through {written}");

        // The relay held off, the item renamed and its event lost (marked sent, never published), then every row of plan's outbox
        // taken for a month old and pruned: the watch never saw the lost row, and now it is gone. The watch is held off from the
        // ageing to the pruning: a round between them would find the lost row published long ago, and repair it.
        await using var planDb = await OpenAsync("Plan");
        await ExecuteAsync(planDb, $"SELECT pg_advisory_lock({RelayLockKey})");
        await RenameAsync(item, "剪定の後に失われた変更");
        var lost = Assert.Single(await LongsAsync(planDb,
            "UPDATE outbox_messages SET sent_at = now() WHERE sent_at IS NULL RETURNING sequence"));
        await using var reportingDb = await OpenAsync("Reporting");
        await ExecuteAsync(reportingDb, $"SELECT pg_advisory_lock({WatchLockKey})");
        var rows = Assert.Single(await LongsAsync(planDb,
            "WITH aged AS (UPDATE outbox_messages SET sent_at = sent_at - interval '30 days' RETURNING 1) SELECT count(*) FROM aged"));
        var pruning = _plan.Services.GetRequiredService<OutboxPruning<Kyodo.Plan.Data.PlanDbContext>>();
        Assert.Equal(rows, await pruning.PruneAsync(DateTimeOffset.UtcNow.AddDays(-14), CancellationToken.None));
        await ExecuteAsync(reportingDb, $"SELECT pg_advisory_unlock({WatchLockKey})");
        await ExecuteAsync(planDb, $"SELECT pg_advisory_unlock({RelayLockKey})");

        // plan says how far it pruned; its outbox is empty, and its horizon is still the last sequence it took.
        var everyMunicipality =
            new PlanService.PlanServiceClient(_plan.ChannelAs(TestAuth.SystemToken(null, KyodoScopes.Read, KyodoScopes.AllMunicipalities)));
        var listed = await everyMunicipality.ListPublishedEventsAsync(new ListPublishedEventsRequest());
        Assert.Equal((lost, lost, 0), (listed.PrunedThrough, listed.HorizonSequence, listed.Events.Count));

        // Reporting passes the sequence and says it could not check it, where an operator looks; nothing was rebuilt.
        await Eventually.ReachesAsync(async () => (await _probe.WatermarkAsync("plan"))!.CheckedThrough, c => c >= lost,
            $"plan checked through {lost}");
        var readiness = await _probe.ReadinessAsync();
        Assert.Equal((200, "Healthy"), (readiness.Http, readiness.Status));
        Assert.Contains($"sequences {lost}–{lost} pruned before they were checked", readiness.Description);
        Assert.Equal(1, _probe.Sum("kyodo.reporting.sequences.unchecked", "plan"));
        Assert.Equal(0, _probe.Sum("kyodo.reporting.events.missing", "plan"));
        Assert.Contains(_logs.Lines, l => l.StartsWith("Warning ", StringComparison.Ordinal)
            && l.Contains($"plan pruned its outbox before reporting checked sequences {lost}–{lost}", StringComparison.Ordinal));
        Assert.Equal(item.Revision, (await ReportingHoldsAsync(item)).Revision);
    }

    [Fact]
    public async Task OnlyASystemReaderOfEveryMunicipalityListsPublishedEventsAsTheOutboxHoldsThemAndBadPagingIsRefusedByField()
    {
        await StartAsync(grace: TimeSpan.FromSeconds(30));
        await WriteAnItemAsync();
        var everyMunicipality =
            new PlanService.PlanServiceClient(_plan.ChannelAs(TestAuth.SystemToken(null, KyodoScopes.Read, KyodoScopes.AllMunicipalities)));
        var admin = new PlanService.PlanServiceClient(_plan.ChannelAs(TestAuth.UserToken(Municipality, KyodoRoles.Admin)));
        var oneMunicipality = new PlanService.PlanServiceClient(_plan.ChannelAs(TestAuth.SystemToken(Municipality, KyodoScopes.Read)));

        await AccessAssert.Denied("ListPublishedEvents",
            () => admin.ListPublishedEventsAsync(new ListPublishedEventsRequest()).ResponseAsync, "kyodo.all-municipalities");
        await AccessAssert.Denied("ListPublishedEvents",
            () => oneMunicipality.ListPublishedEventsAsync(new ListPublishedEventsRequest()).ResponseAsync, "kyodo.all-municipalities");
        var refused = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => everyMunicipality.ListPublishedEventsAsync(
                new ListPublishedEventsRequest { AfterSequence = -1, PageSize = 1001, HorizonXid = -5 }).ResponseAsync);
        Assert.Equal(["after_sequence", "horizon_xid", "page_size"], RpcAssert.FieldViolations(refused).Keys.Order(StringComparer.Ordinal));

        // The rows as plan's outbox table holds them, read by SQL; then one page of one row after the first.
        await using var planDb = await OpenAsync("Plan");
        await using var command =
            new NpgsqlCommand("SELECT sequence, message_id, message_type FROM outbox_messages ORDER BY sequence", planDb);
        var stored = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) stored.Add($"{reader.GetInt64(0)} {reader.GetGuid(1)} {reader.GetString(2)}");
        var listed = await everyMunicipality.ListPublishedEventsAsync(new ListPublishedEventsRequest());
        Assert.Equal(stored, listed.Events.Select(e => $"{e.Sequence} {e.EventId} {e.EventType}"));
        Assert.All(listed.Events, e => Assert.Equal(Municipality, e.MunicipalityCode));
        Assert.Equal(listed.Events[^1].Sequence, listed.HorizonSequence);
        var second = await everyMunicipality.ListPublishedEventsAsync(
            new ListPublishedEventsRequest { AfterSequence = listed.Events[0].Sequence, PageSize = 1 });
        Assert.Equal([listed.Events[1].EventId], second.Events.Select(e => e.EventId));
    }

    private async Task<Item> WriteAnItemAsync()
    {
        var plan = (await Plans.CreatePlanAsync(new CreatePlanRequest
        {
            Municipality = new MunicipalityRef { Code = Municipality, Name = "軽井沢町" },
            Name = "協働推進プラン", StartFiscalYear = "令和2年度", EndFiscalYear = "R6",
        })).Plan;
        var node = (await Plans.CreateNodeAsync(
            new CreateNodeRequest { PlanId = plan.Id, LevelName = "推進方針", Code = "Ⅰ", Title = "協働の担い手を育てます" })).Node;
        return (await Plans.CreateItemAsync(new CreateItemRequest
        {
            PlanId = plan.Id, Fields = new ItemFields { Title = "市民活動支援事業", Departments = { "協働推進課" } },
            Placements = { new PlacementInput { NodeId = node.Id, Code = "①", Primary = true } },
        })).Item;
    }

    private async Task<Item> RenameAsync(Item item, string title) =>
        (await Plans.UpdateItemAsync(new UpdateItemRequest
        {
            Id = item.Id, Version = item.Version, Fields = new ItemFields { Title = title },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "fields.title" } },
        })).Item;

    /// <summary>Waits (bounded) until reporting's row of the item is at the item's revision.</summary>
    private async Task<Kyodo.Reporting.ReadModels.ItemRow> ReportingHoldsAsync(Item item)
    {
        var id = Guid.Parse(item.Id);
        return (await Eventually.ReachesAsync(async () =>
        {
            await using var scope = _reporting.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Kyodo.Reporting.Data.ReportingDbContext>().Items.AsNoTracking()
                .SingleOrDefaultAsync(r => r.MunicipalityCode == Municipality && r.ItemId == id);
        }, r => r is not null && r.Revision >= item.Revision, $"reporting holds item {item.Id} at revision {item.Revision}",
            TimeSpan.FromSeconds(90)))!;
    }

    /// <summary>Which consumers of reporting's inbox hold the event of plan's outbox row <paramref name="sequence"/>.</summary>
    private async Task<List<string>> InboxConsumersAsync(long sequence)
    {
        await using var planDb = await OpenAsync("Plan");
        await using var id = new NpgsqlCommand($"SELECT message_id FROM outbox_messages WHERE sequence = {sequence}", planDb);
        var messageId = (Guid)(await id.ExecuteScalarAsync())!;
        await using var reportingDb = await OpenAsync("Reporting");
        await using var command =
            new NpgsqlCommand("SELECT consumer FROM inbox_messages WHERE message_id = @id ORDER BY consumer", reportingDb);
        command.Parameters.AddWithValue("id", messageId);
        var consumers = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) consumers.Add(reader.GetString(0));
        return consumers;
    }

    private async Task<long> PlanOutboxMaxAsync()
    {
        await using var planDb = await OpenAsync("Plan");
        return Assert.Single(await LongsAsync(planDb, "SELECT max(sequence) FROM outbox_messages"));
    }

    private async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(_databases[database].ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<long>> LongsAsync(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        var values = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetInt64(0));
        return values;
    }

    public async Task DisposeAsync()
    {
        _probe?.Dispose();
        await _owned.DisposeAsync();
    }
}
