using System.Reflection;
using Kyodo.Contracts;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Contracts.Subsidy;
using Kyodo.Reporting.Consumers;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// The consumers' writes committed together (GroupCommit): each test gathers its messages into one
/// batch by holding the writer on a lock of the inbox while they arrive, then lets it go.
/// </summary>
public sealed class GroupCommitTests(OneWriterReportingServiceFixture fixture) : IClassFixture<OneWriterReportingServiceFixture>
{
    private static readonly DateTimeOffset April2024 = new(2024, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));
    private static readonly MethodInfo Publish = typeof(TestPublisher).GetMethod(nameof(TestPublisher.PublishAsync))!;

    /// <summary>Every read-model table the one-trip consumers write, its rows of one municipality as JSON without the
    /// municipality.</summary>
    private static readonly string[] Tables =
        ["items", "item_departments", "item_placements", "item_schedule_cells", "item_yearly_goals", "indicators", "indicator_values",
            "budget_lines", "subsidy_applications"];

    [Fact]
    public async Task ABatchHoldingADuplicateAndRevisionsOutOfOrderEndsAsTheCleanStreamDoes()
    {
        const string clean = "20208", batched = "20203";
        var ids = (Item: Guid.NewGuid(), Line: Guid.NewGuid(), Application: Guid.NewGuid());
        foreach (var e in Revisions(clean, ids)) await fixture.PublishAndWaitAsync(e); // one at a time, in order: never batched

        var revisions = Revisions(batched, ids);
        // Newest first, each record's newest twice (a redelivery: the same message id), the oldest between.
        var scrambled = revisions.OrderByDescending(Revision).Concat(revisions.Where(e => Revision(e) == 3)).ToList();
        Assert.Equal(1, await InOneBatchAsync(scrambled)); // applied together, not one by one after a failure

        foreach (var table in Tables) Assert.Equal(await RowsAsync(table, clean), await RowsAsync(table, batched));
        Assert.Equal(3, (await RowsAsync("items", batched)).Concat(await RowsAsync("budget_lines", batched))
            .Concat(await RowsAsync("subsidy_applications", batched)).Count());
        // the clean stream's end, not a copy of whatever came last
        Assert.Contains("\"title\": \"事業 r3\"", (await RowsAsync("items", batched)).Single());

        // The inbox holds every message once, with its type, as the gap watch reads it.
        await using var db = fixture.OpenDatabase();
        var inbox = await db.Set<InboxMessage>().Where(m => revisions.Select(e => e.EventId).Contains(m.MessageId)).ToListAsync();
        Assert.Equal(revisions.Select(e => e.EventId).Order(), inbox.Select(m => m.MessageId).Order());
        Assert.All(inbox, m => Assert.EndsWith(":" + revisions.Single(e => e.EventId == m.MessageId).GetType().Name, m.MessageType));
    }

    [Fact]
    public async Task TheItemsOfTwoMunicipalitiesWrittenTogetherEachEndAsTheirCleanStreamDoes()
    {
        // The same record ids in both: the set-based item statements must keep each municipality's rows apart.
        (string Clean, string Batched)[] cities = [("20209", "20210"), ("20211", "20212")];
        var ids = (Item: Guid.NewGuid(), Line: Guid.NewGuid(), Application: Guid.NewGuid());
        var differs = (IIntegrationEvent e, int city) => e is ItemUpdated u && city == 1
            ? u with { Item = u.Item with { Title = u.Item.Title + "（第二）", Schedule = [] } }
            : e;
        for (var city = 0; city < cities.Length; city++)
            foreach (var e in Revisions(cities[city].Clean, ids)) await fixture.PublishAndWaitAsync(differs(e, city));

        var batch = cities.SelectMany((c, city) => Revisions(c.Batched, ids).Select(e => differs(e, city))).OrderByDescending(Revision)
            .ToList();
        Assert.Equal(1, await InOneBatchAsync(batch)); // applied together, not one by one after a failure

        foreach (var (clean, batched) in cities)
            foreach (var table in Tables) Assert.Equal(await RowsAsync(table, clean), await RowsAsync(table, batched));
        Assert.Contains("\"title\": \"事業 r3（第二）\"", (await RowsAsync("items", cities[1].Batched)).Single());
        Assert.Empty(await RowsAsync("item_schedule_cells", cities[1].Batched));
        Assert.Equal(3, (await RowsAsync("item_schedule_cells", cities[0].Batched)).Count);
    }

    [Fact]
    public async Task ANewRevisionWritesTheContentRowsItChangesAndLeavesTheOthersAsTheyWere()
    {
        const string suwa = "20206"; // of this test alone
        var planId = Guid.NewGuid();
        var indicator = SummaryEvents.Indicator("Up", 2024, 10, 2.5m);
        var first = SummaryEvents.Item(planId, (Guid.NewGuid(), "企画課"), "事業",
            [new ScheduleCellSnapshot(1, "実施", 2024, ["実施"]), new ScheduleCellSnapshot(1, "実施", 2025, ["実施"])], [indicator],
            Guid.NewGuid());
        await fixture.PublishAndWaitAsync(SummaryEvents.Created(suwa, first, April2024));
        var before = await RowVersionsAsync(suwa);
        Assert.All(before.Values, Assert.NotEmpty); // rows to compare, not two empty lists

        // The same departments, placement and indicator; 2025's cell gone, 2024's changed; the actual printed with two decimals.
        var second = first with
        {
            Revision = 2,
            Schedule = [new ScheduleCellSnapshot(1, "実施", 2024, ["拡充"])],
            Indicators = [indicator with { Actuals = [new YearValue(2024, 2.50m)] }],
        };
        await fixture.PublishAndWaitAsync(new ItemUpdated(Guid.NewGuid(), April2024.AddDays(1), suwa, second));
        var after = await RowVersionsAsync(suwa);

        foreach (var table in new[] { "item_departments", "item_placements", "indicators" }) Assert.Equal(before[table], after[table]);
        Assert.NotEqual(before["item_schedule_cells"], after["item_schedule_cells"]);
        var cell = Assert.Single(await RowsAsync("item_schedule_cells", suwa));
        Assert.Contains("\"stages\": [\"拡充\"]", cell);
        Assert.Contains("\"fiscal_year\": 2024", cell);
        // equal to 2.5 as a number, but not the figure printed
        Assert.Equal(["2.50"], await TextsAsync("SELECT actual::text FROM indicator_values t WHERE municipality_code = @m", suwa));
    }

    [Fact]
    public async Task EachRevisionWritesTheContentTablesItChangedSinceTheRevisionBeforeIt()
    {
        // The items keep which content tables their last change changed (by digest): a change of one table after a change of another
        // must write the second, and a table changed back to an earlier state must be written too.
        const string stepwise = "20230", atOnce = "20231"; // of this test alone
        var (planId, node, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var first = SummaryEvents.Item(planId, (Guid.NewGuid(), "企画課"), "事業", [new ScheduleCellSnapshot(1, "実施", 2024, ["実施"])],
            [SummaryEvents.Indicator("Up", 2024, 10, 5m)], node);
        var second = first with { Revision = 2, Schedule = [new ScheduleCellSnapshot(1, "実施", 2024, ["拡充"])] };
        var third = second with { Revision = 3, Placements = [first.Placements[0] with { NodeId = other }] };
        var fourth = third with { Revision = 4, Schedule = first.Schedule };

        foreach (var (item, day) in new[] { (first, 0), (second, 1), (third, 2), (fourth, 3) })
            await fixture.PublishAndWaitAsync(new ItemUpdated(Guid.NewGuid(), April2024.AddDays(day), stepwise, item));
        await fixture.PublishAndWaitAsync(new ItemUpdated(Guid.NewGuid(), April2024.AddDays(3), atOnce, fourth));

        foreach (var table in Tables) Assert.Equal(await RowsAsync(table, atOnce), await RowsAsync(table, stepwise));
        Assert.Contains($"\"node_id\": \"{other}\"", Assert.Single(await RowsAsync("item_placements", stepwise)));
        Assert.Contains("\"stages\": [\"実施\"]", Assert.Single(await RowsAsync("item_schedule_cells", stepwise)));
    }

    /// <summary>Per content table, the municipality's rows' row versions (xmin): a row written again has a new one.</summary>
    private async Task<Dictionary<string, List<string>>> RowVersionsAsync(string municipality)
    {
        var versions = new Dictionary<string, List<string>>();
        foreach (var table in new[] { "item_departments", "item_placements", "item_schedule_cells", "indicators" })
            versions[table] = await TextsAsync($"SELECT xmin::text FROM {table} t WHERE municipality_code = @m ORDER BY 1", municipality);
        return versions;
    }

    [Fact]
    public async Task APoisonMessageInABatchAloneGoesToTheErrorQueueAndTheOthersAreApplied()
    {
        const string saku = "20217"; // of this test alone
        var good = Enumerable.Range(1, 5).Select(i => Line(saku, Guid.NewGuid(), 1, 1_000 * i)).ToList();
        // A municipality code longer than the read model's column: its statement fails every time.
        var poison = Line("202080", Guid.NewGuid(), 1, 1_000);
        await InOneBatchAsync([good[0], good[1], poison, good[2], good[3], good[4]]);

        var parked = await ErrorQueueAsync("budget-events_error", until: messages => messages.Count > 0);
        await Task.Delay(TimeSpan.FromSeconds(1)); // anything else that would be parked has had its retries
        parked = await ErrorQueueAsync("budget-events_error", until: _ => true);
        Assert.Contains(poison.Line.BudgetLineId.ToString(), Assert.Single(parked).Body);
        // the retry policy as for a message alone (ServiceSettings: two)
        Assert.Equal(2, parked[0].Headers.GetProperty("MT-Fault-RetryCount").GetInt32());

        await using var db = fixture.OpenDatabase();
        var lines = await db.BudgetLines.Where(l => l.MunicipalityCode == saku).ToListAsync();
        Assert.Equal(good.Select(l => (l.Line.BudgetLineId, l.Line.Funding.CostYen)).Order(),
            lines.Select(l => (l.BudgetLineId, l.CostYen)).Order());
        var inbox = await db.Set<InboxMessage>().Select(m => m.MessageId).ToListAsync();
        Assert.All(good, l => Assert.Contains(l.EventId, inbox));
        Assert.DoesNotContain(poison.EventId, inbox);
    }

    [Fact]
    public async Task AProgramsCreationAndItsFirstStateInOneBatchMeetNoConflictOnItsKey()
    {
        const string chino = "20214";
        var (programId, lineId) = (Guid.NewGuid(), Guid.NewGuid());
        var created = new SubsidyProgramCreated(Guid.NewGuid(), April2024, chino, programId, "まちづくり活動補助金");
        var changed = SummaryEvents.Program(chino, programId, "まちづくり活動補助金（改）", 1, April2024.AddMinutes(1), (2024, lineId));

        Assert.Equal(1, await InOneBatchAsync([changed, created])); // a conflict would have failed the batch and run each alone

        await using var db = fixture.OpenDatabase();
        var program = await db.SubsidyPrograms.SingleAsync(p => p.MunicipalityCode == chino);
        Assert.Equal((programId, "まちづくり活動補助金（改）", 1, false), (program.ProgramId, program.Name, program.Revision, program.Deleted));
        Assert.Equal(["チャレンジ"],
            await db.Courses.Where(c => c.MunicipalityCode == chino && c.ProgramId == programId).Select(c => c.Name).ToListAsync());
        Assert.Equal([(2024, lineId)],
            (await db.ProgramLines.Where(l => l.MunicipalityCode == chino).ToListAsync()).Select(l => (l.FiscalYear, l.BudgetLineId)));
    }

    /// <summary>An item, a budget line and an application at revisions 1, 2 and 3, each revision different in what it writes.</summary>
    private static List<IIntegrationEvent> Revisions(string municipality, (Guid Item, Guid Line, Guid Application) ids)
    {
        var planId = Guid.Parse("6d1f9c0e-0000-4000-8000-000000000001");
        var events = new List<IIntegrationEvent>();
        foreach (var r in new[] { 1, 2, 3 })
        {
            var at = April2024.AddDays(r);
            var item = SummaryEvents.Item(planId, (Guid.Parse("6d1f9c0e-0000-4000-8000-000000000002"), "企画課"), $"事業 r{r}",
                    Enumerable.Range(2024, r).Select(y => new ScheduleCellSnapshot(1, "実施", y, [r == 3 ? "拡充" : "実施"])).ToList(),
                    [SummaryEvents.Indicator("Up", 2024, 10 * r, r > 1 ? r : null) with { IndicatorId = ids.Item }],
                    Guid.Parse("6d1f9c0e-0000-4000-8000-000000000003"))
                with
            { ItemId = ids.Item, Revision = r };
            events.Add(r == 1 ? SummaryEvents.Created(municipality, item, at) : new ItemUpdated(Guid.NewGuid(), at, municipality, item));
            var line = Line(municipality, ids.Line, r, 1_000_000 * r);
            events.Add(r == 1 ? line : new BudgetLineRevised(Guid.NewGuid(), at, municipality, line.Line with { ItemId = ids.Item }));
            events.Add(SummaryEvents.Application(municipality, Guid.Empty, 2024, r == 3 ? "Awarded" : "UnderReview", r == 3 ? 150_000 : 0,
                0, at, r)
                with
            { ApplicationId = ids.Application, CourseId = ids.Application, ApplicantId = ids.Application });
        }
        return events;
    }

    private static int Revision(IIntegrationEvent e) => e switch
    {
        ItemCreated c => c.Item.Revision,
        ItemUpdated u => u.Item.Revision,
        BudgetLineCreated c => c.Line.Revision,
        BudgetLineRevised r => r.Line.Revision,
        ApplicationStatusChanged a => a.Revision,
        _ => throw new ArgumentException(e.GetType().Name),
    };

    private static BudgetLineCreated Line(string municipality, Guid lineId, int revision, long cost) =>
        new(Guid.NewGuid(), April2024.AddDays(revision), municipality, new BudgetLineSnapshot(lineId, Guid.Empty, "市民活動支援事業", null, "企画課",
            2024,
            "一般会計/2 総務費", revision == 3 ? "Supplementary" : "Initial", revision == 3 ? 1 : 0, new FundingAmounts(cost, 0, 0, 0, cost),
            revision));

    /// <summary>
    /// Publishes <paramref name="events"/> (a repeated one again under its own message id: a
    /// redelivery) while the group commit's writer waits on a lock of the inbox with another
    /// message, and lets it go once every one of them waits for it: they are then one batch. Returns
    /// how many batches the writer took for them (more than one: the batch failed and each ran alone).
    /// </summary>
    private async Task<long> InOneBatchAsync(IReadOnlyList<IIntegrationEvent> events)
    {
        long taken;
        var commits = fixture.Service.Services.GetRequiredService<GroupCommit>();
        await using var holder = new NpgsqlConnection(fixture.Database.ConnectionString);
        await holder.OpenAsync();
        await using (var transaction = await holder.BeginTransactionAsync())
        {
            await using (var lockInbox = new NpgsqlCommand("LOCK TABLE inbox_messages IN EXCLUSIVE MODE", holder, transaction))
                await lockInbox.ExecuteNonQueryAsync();
            await using var publisher = await TestPublisher.StartAsync(fixture.VirtualHost);
            taken = commits.Sent.Batches;
            var blocker = Line("13211", Guid.NewGuid(), 1, 1);
            await publisher.PublishAsync(blocker, blocker.EventId);
            await Until(() => commits.Sent.Batches > taken, "the writer to take the first message");
            taken = commits.Sent.Batches;
            foreach (var e in events) await (Task)Publish.MakeGenericMethod(e.GetType()).Invoke(publisher, [e, e.EventId])!;
            await Until(() => commits.Waiting == events.Count, $"{events.Count} messages to wait for the writer");
            await transaction.CommitAsync();
        }
        var ids = events.Where(e => e.MunicipalityCode.Length == 5).Select(e => e.EventId).Distinct().ToList();
        await Until(async () =>
        {
            await using var db = fixture.OpenDatabase();
            return await db.Set<InboxMessage>().CountAsync(m => ids.Contains(m.MessageId)) == ids.Count;
        }, "the batch to be committed");
        return commits.Sent.Batches - taken;
    }

    // Without the items' bookkeeping of their contents: the digests are of rows that hold the municipality's code, and which tables
    // an item's last change changed depends on the revision written before it, which a batch skips. The content rows themselves
    // are compared table by table.
    private Task<List<string>> RowsAsync(string table, string municipality) =>
        TextsAsync($"""
            SELECT (to_jsonb(t) - 'municipality_code' - 'content_digests' - 'contents_changed')::text AS row FROM {table} t
            WHERE municipality_code = @m ORDER BY 1
            """, municipality);

    /// <summary>The first column of what <paramref name="sql"/> finds for the municipality (its parameter @m), as text.</summary>
    private async Task<List<string>> TextsAsync(string sql, string municipality)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("m", municipality);
        var texts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) texts.Add(reader.GetString(0));
        return texts;
    }

    private async Task<IReadOnlyList<(System.Text.Json.JsonElement Headers, string Body)>> ErrorQueueAsync(string suffix,
        Func<IReadOnlyList<(System.Text.Json.JsonElement Headers, string Body)>, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var queue = (await fixture.VirtualHost.QueueNamesAsync()).FirstOrDefault(q => q.EndsWith(suffix, StringComparison.Ordinal));
            var messages = queue is null ? [] : await fixture.VirtualHost.PeekAsync(queue);
            if (until(messages)) return messages;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Nothing arrived in a queue named *{suffix}");
            await Task.Delay(200);
        }
    }

    private static Task Until(Func<bool> done, string what) => Until(() => Task.FromResult(done()), what);

    private static async Task Until(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited 30 s for {what}.");
            await Task.Delay(50);
        }
    }
}
