using Kyodo.Contracts;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Reporting.V1;
using Npgsql;
using static Kyodo.Reporting.Tests.SummaryEvents;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// Figures kept per municipality (municipality_figures) and keyed by its change stamp
/// (municipality_stamps, bumped with every change of its read-model rows: by triggers, and for an
/// item's content rows by the statement that writes them): a report
/// served from them equals one computed afresh, and any write of a municipality's rows (an event, a
/// plan's deletion, a bulk COPY, a replay) makes that municipality's figures computed again and
/// nobody else's. Each test its own prefecture codes.
/// </summary>
public sealed class KeptFiguresTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private static readonly DateTimeOffset At = new(2020, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly (Guid, string) Kikaku = (Guid.NewGuid(), "企画課");
    private const string AreaSummaryScope = "summary;unit=Municipality;%";

    /// <summary>A city's plan and its items (企画課, 実施 in FY2020), each with a FY2020 line of <paramref name="cost"/> yen.</summary>
    private sealed record City(string Code, Guid Plan, List<ItemSnapshot> Items, List<IIntegrationEvent> Events);

    private static City CityOf(string code, int items, long cost)
    {
        var plan = Guid.NewGuid();
        var events = new List<IIntegrationEvent> { PlanOf(code, plan, "総合計画", 2019, 2021, At) };
        var written = new List<ItemSnapshot>();
        for (var i = 0; i < items; i++)
        {
            var item = Item(plan, Kikaku, $"事業 {i + 1}", [new(1, "", 2020, ["実施"])], [], Guid.NewGuid());
            written.Add(item);
            events.AddRange([Created(code, item, At), Line(code, item, Kikaku, 2020, cost, At.AddMinutes(i))]);
        }
        return new City(code, plan, written, events);
    }

    /// <summary>Two cities of the prefecture, written.</summary>
    private async Task<(City Big, City Small)> WrittenAsync(string prefecture)
    {
        var (big, small) = (CityOf($"{prefecture}201", 3, 1_000_000), CityOf($"{prefecture}208", 2, 400_000));
        await fixture.PublishAndWaitAsync([.. big.Events, .. small.Events]);
        return (big, small);
    }

    private static IIntegrationEvent Replayed(IIntegrationEvent e) => e switch
    {
        PlanCreated plan => plan with { EventId = Guid.NewGuid() },
        ItemCreated item => item with { EventId = Guid.NewGuid() },
        BudgetLineCreated line => line with { EventId = Guid.NewGuid() },
        _ => throw new ArgumentException($"no replay of {e.GetType().Name}"),
    };

    private Task<Report> AreaSummaryAsync(string prefecture) =>
        fixture.Client.GetAreaDepartmentSummaryAsync(
            new AreaDepartmentSummaryRequest { PrefectureCode = prefecture, FiscalYearFrom = 2020 })
            .ResponseAsync;

    private Task<Report> AreaStructureAsync(string prefecture) =>
        fixture.Client.GetAreaPlanStructureAsync(new AreaPlanStructureRequest { PrefectureCode = prefecture, FiscalYearFrom = 2020 })
            .ResponseAsync;

    private static string Cell(Report report, string municipality, string column)
    {
        var table = report.Tables.Single();
        return table.Texts().Single(r => r[0] == municipality)[table.Columns.Select(c => c.Name).ToList().IndexOf(column)];
    }

    private async Task<long> StampAsync(string municipality) =>
        await ScalarAsync<long?>("SELECT stamp FROM municipality_stamps WHERE municipality_code = @m", ("m", municipality)) ?? 0;

    /// <summary>The kept entry of a municipality for the scopes like <paramref name="scope"/>: its stamp and when it was
    /// computed.</summary>
    private async Task<(long Stamp, DateTime ComputedAt)?> KeptAsync(string municipality, string scope = AreaSummaryScope)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT stamp, computed_at FROM municipality_figures WHERE municipality_code = @m AND scope LIKE @scope", connection);
        command.Parameters.AddWithValue("m", municipality);
        command.Parameters.AddWithValue("scope", scope);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        var kept = (reader.GetInt64(0), reader.GetDateTime(1));
        Assert.False(await reader.ReadAsync(), $"one entry of {municipality} for {scope}");
        return kept;
    }

    private Task ForgetKeptAsync() => ExecuteAsync("DELETE FROM municipality_figures");

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteScalarAsync() is T found ? found : default;
    }

    [Fact]
    public async Task AreaReportsServedFromKeptFiguresEqualTheSameReportsComputedAfresh()
    {
        var (big, small) = await WrittenAsync("31");

        var summary = await AreaSummaryAsync("31");
        var structure = await AreaStructureAsync("31");
        foreach (var city in new[] { big, small })
        {
            var stamp = await StampAsync(city.Code);
            Assert.True(stamp > 0, $"the events of {city.Code} bumped its stamp");
            Assert.Equal(stamp, (await KeptAsync(city.Code))?.Stamp);
            Assert.Equal(stamp, (await KeptAsync(city.Code, "structure;%"))?.Stamp);
            Assert.Equal(stamp, (await KeptAsync(city.Code, "stages"))?.Stamp);
        }

        // Served from what was kept, then computed again with nothing kept: the same reports, freshness included.
        Assert.Equal(summary, await AreaSummaryAsync("31"));
        Assert.Equal(structure, await AreaStructureAsync("31"));
        await ForgetKeptAsync();
        Assert.Equal(summary, await AreaSummaryAsync("31"));
        Assert.Equal(structure, await AreaStructureAsync("31"));
        Assert.Equal(("3", "3000000", "3"), (Cell(summary, big.Code, "事業数"), Cell(summary, big.Code, "事業費"),
            Cell(summary, big.Code, "実施（事業数）")));
    }

    [Fact]
    public async Task AReportServesTheKeptFiguresWhileTheStampIsCurrentAndComputesThemAgainOnceItMoves()
    {
        var (big, _) = await WrittenAsync("33");
        await AreaSummaryAsync("33");
        var oneCity = new DepartmentSummaryRequest { MunicipalityCode = big.Code, FiscalYearFrom = 2020 };
        await fixture.Client.GetDepartmentSummaryAsync(oneCity);

        // What is kept is what is served: altered in place, the reports show it.
        await ExecuteAsync("""
            UPDATE municipality_figures SET figures = jsonb_set(figures, '{Items}', '99') WHERE municipality_code = @m AND scope LIKE @scope
            """, ("m", big.Code), ("scope", AreaSummaryScope));
        await ExecuteAsync("""
            UPDATE municipality_figures SET figures = jsonb_set(figures, ARRAY['Units', @department, 'Items'], '98')
            WHERE municipality_code = @m AND scope LIKE 'summary;unit=Department;%'
            """, ("m", big.Code), ("department", Kikaku.Item1.ToString()));
        Assert.Equal("99", Cell(await AreaSummaryAsync("33"), big.Code, "事業数"));
        Assert.Equal("98", (await fixture.Client.GetDepartmentSummaryAsync(oneCity)).Tables.Single().Texts()[0][1]);

        // A new stamp makes them stale: computed again from the rows.
        await ExecuteAsync("UPDATE municipality_stamps SET stamp = stamp + 1 WHERE municipality_code = @m", ("m", big.Code));
        Assert.Equal("3", Cell(await AreaSummaryAsync("33"), big.Code, "事業数"));
        Assert.Equal("3", (await fixture.Client.GetDepartmentSummaryAsync(oneCity)).Tables.Single().Texts()[0][1]);
    }

    [Fact]
    public async Task AnEventOfOneMunicipalityHasOnlyItsFiguresComputedAgainAndTheReportShowsTheChange()
    {
        var (big, small) = await WrittenAsync("34");
        await AreaSummaryAsync("34");
        var (bigBefore, smallBefore) = ((await KeptAsync(big.Code))!.Value, (await KeptAsync(small.Code))!.Value);

        await fixture.PublishAndWaitAsync(Line(big.Code, big.Items[0], Kikaku, 2020, 500_000, At.AddHours(1)));
        var summary = await AreaSummaryAsync("34");

        Assert.Equal(("3500000", "800000"), (Cell(summary, big.Code, "事業費"), Cell(summary, small.Code, "事業費")));
        var (bigAfter, smallAfter) = ((await KeptAsync(big.Code))!.Value, (await KeptAsync(small.Code))!.Value);
        Assert.True(bigAfter.Stamp > bigBefore.Stamp);
        Assert.Equal(await StampAsync(big.Code), bigAfter.Stamp);
        Assert.True(bigAfter.ComputedAt > bigBefore.ComputedAt);
        Assert.Equal(smallBefore, smallAfter); // served as kept: not computed again
        Assert.Equal(smallBefore.Stamp, await StampAsync(small.Code));
    }

    [Fact]
    public async Task DeletingAPlanMakesItsMunicipalitysKeptFiguresStaleAndTheReportsCountNothingOfIt()
    {
        var (big, small) = await WrittenAsync("35");
        await AreaSummaryAsync("35");
        var oneCity = new DepartmentSummaryRequest { MunicipalityCode = big.Code, FiscalYearFrom = 2020 };
        Assert.Equal("3", (await fixture.Client.GetDepartmentSummaryAsync(oneCity)).Tables.Single().Texts()[^1][1]);
        var (bigStamp, smallStamp) = (await StampAsync(big.Code), await StampAsync(small.Code));

        await fixture.PublishAndWaitAsync(new PlanDeleted(Guid.NewGuid(), At.AddHours(1), big.Code, big.Plan, 2));

        Assert.True(await StampAsync(big.Code) > bigStamp);
        Assert.Equal(smallStamp, await StampAsync(small.Code));
        var summary = await AreaSummaryAsync("35");
        Assert.Equal(("0", "2"), (Cell(summary, big.Code, "事業数"), Cell(summary, small.Code, "事業数")));
        Assert.Equal("0", (await fixture.Client.GetDepartmentSummaryAsync(oneCity)).Tables.Single().Texts()[^1][1]);
        await ForgetKeptAsync();
        Assert.Equal(summary, await AreaSummaryAsync("35"));
    }

    [Fact]
    public async Task ABulkCopyIntoAReadModelTableBumpsTheStampOfEachMunicipalityItWritesOnce()
    {
        var (big, small) = await WrittenAsync("36");
        var before = await AreaSummaryAsync("36");
        var (bigStamp, smallStamp) = (await StampAsync(big.Code), await StampAsync(small.Code));
        const string Fresh = "36999"; // no row of it before

        await using (var connection = await OpenAsync())
        await using (var copy = await connection.BeginTextImportAsync(
            "COPY staff_unit_costs (municipality_code, fiscal_year, yen_per_person_year, revision, as_of) FROM STDIN"))
        {
            foreach (var (code, year) in new[] { (big.Code, 2020), (big.Code, 2021), (Fresh, 2020) })
                await copy.WriteLineAsync($"{code}\t{year}\t8000000\t1\t2020-07-01 00:00:00+00");
        }

        Assert.Equal((bigStamp + 1, smallStamp, 1L), (await StampAsync(big.Code), await StampAsync(small.Code), await StampAsync(Fresh)));
        // The big city's figures are computed again (its stamp moved): a unit cost with no staff time counts nothing, the report is
        // the same.
        Assert.Equal(before, await AreaSummaryAsync("36"));
        Assert.Equal(bigStamp + 1, (await KeptAsync(big.Code))?.Stamp);
    }

    [Fact]
    public async Task ContentRowsAnItemEventChangesBumpTheStampThoughTheItemsOwnRowStaysAsItWas()
    {
        // An item's content tables have no stamp triggers: the contents statement stamps what it changes. Its own row unchanged (a
        // duplicate of the revision it holds, under a new message id), so that the items table's trigger stamps nothing, and one of
        // its schedule cells altered beforehand behind the statement's back. The replayed event created the item, so its row still
        // has every content table written (decision 048), and the duplicate puts the cell back.
        var (big, small) = await WrittenAsync("38");
        var item = big.Items[0];
        await ExecuteAsync("UPDATE item_schedule_cells SET stages = '{計画}' WHERE municipality_code = @m AND item_id = @i",
            ("m", big.Code), ("i", item.ItemId));
        var (bigStamp, smallStamp) = (await StampAsync(big.Code), await StampAsync(small.Code));

        await fixture.PublishAndWaitAsync(Replayed(big.Events.OfType<ItemCreated>().First(e => e.Item.ItemId == item.ItemId)));

        Assert.Equal<string[]>(["実施"], await ScalarAsync<string[]>(
            "SELECT stages FROM item_schedule_cells WHERE municipality_code = @m AND item_id = @i", ("m", big.Code), ("i", item.ItemId)));
        Assert.Equal(bigStamp + 1, await StampAsync(big.Code));
        Assert.Equal(smallStamp, await StampAsync(small.Code));
        Assert.Equal(item.Revision, await ScalarAsync<int>(
            "SELECT revision FROM items WHERE municipality_code = @m AND item_id = @i", ("m", big.Code), ("i", item.ItemId)));
    }

    [Fact]
    public async Task AReplayOfDuplicateEventsLeavesTheReportsEqualToOnesComputedAfresh()
    {
        var (big, small) = await WrittenAsync("37");
        var summary = await AreaSummaryAsync("37");
        var structure = await AreaStructureAsync("37");

        // The same messages again in reverse (their ids taken: duplicates), then replayed under new ids (as a rebuild replays),
        // which the wait below waits for.
        IEnumerable<IIntegrationEvent> all = [.. big.Events, .. small.Events];
        await fixture.PublishAndWaitAsync([.. all.Reverse(), .. all.Select(Replayed)]);

        Assert.Equal(summary, await AreaSummaryAsync("37"));
        Assert.Equal(structure, await AreaStructureAsync("37"));
        await ForgetKeptAsync();
        Assert.Equal(summary, await AreaSummaryAsync("37"));
        Assert.Equal(structure, await AreaStructureAsync("37"));
    }
}
