using System.Diagnostics;
using Grpc.Core;
using Kyodo.Benchmarks.Common;
using Kyodo.Reporting.V1;
using Npgsql;

namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>
/// What keeping each municipality's figures by its change stamp (docs/decisions/040) buys, through
/// the gateway: the large city's summary and the largest prefecture's summary by municipality
/// cold (the first call after every municipality's stamp moved: everything aggregated again, and
/// stored), warm (served from what is kept), and, for the prefecture, the first call after one of
/// its municipalities changed (a real row update, which the triggers stamp: that one aggregated
/// again, the rest served).
/// </summary>
public static class KeptFiguresTimings
{
    /// <summary>Cold calls timed (each after every stamp moved): a cold prefecture call costs what every call did before.</summary>
    private const int ColdCalls = 3;

    public static async Task<List<Timings.Result>> RunAsync(ReportingService.ReportingServiceClient reports, NationalDatabase database,
        Country country, NationalOptions options, CancellationToken ct)
    {
        var (from, to) = (SyntheticCity.FirstYear, SyntheticCity.FirstYear + SyntheticCity.Years - 1);
        CallOptions Call() => new(deadline: DateTime.UtcNow.AddMinutes(2), cancellationToken: ct);
        Task City() => reports.GetDepartmentSummaryAsync(new DepartmentSummaryRequest
        { MunicipalityCode = Country.LargeCity, FiscalYearFrom = from, FiscalYearTo = to }, Call()).ResponseAsync;
        var prefecture = country.LargestPrefecture;
        var inPrefecture = country.Of(prefecture).ToList();
        Task Prefecture() => reports.GetAreaDepartmentSummaryAsync(new AreaDepartmentSummaryRequest
        { PrefectureCode = prefecture, FiscalYearFrom = from, FiscalYearTo = to }, Call()).ResponseAsync;

        Console.WriteLine("kept figures (docs/decisions/040): cold, warm, after one municipality changed:");
        var city = $"the large city's summary ({Country.LargeCity})";
        var area = $"{prefecture}'s summary by municipality ({inPrefecture.Count} municipalities)";
        var changed = 0;
        return
        [
            await TimeEachAfterAsync($"{city}, cold (every stamp moved before each call)", ColdCalls,
                () => database.ExecuteAsync("UPDATE municipality_stamps SET stamp = stamp + 1", ct), City),
            await Timings.TimeAsync($"{city}, warm (served from the kept figures)", options.SummaryCalls, City, warmups: 1),
            await TimeEachAfterAsync($"{area}, cold (every stamp moved before each call)", ColdCalls,
                () => database.ExecuteAsync("UPDATE municipality_stamps SET stamp = stamp + 1", ct), Prefecture),
            await Timings.TimeAsync($"{area}, warm (served from the kept figures)", options.RollupCalls, Prefecture, warmups: 1),
            await TimeEachAfterAsync($"{area}, after one of its municipalities changed (a budget line rewritten before each call)",
                options.RollupCalls, () => TouchAsync(database, inPrefecture[changed++ % inPrefecture.Count], ct), Prefecture),
        ];
    }

    /// <summary>Each call timed alone, right after <paramref name="before"/> (not timed) ran.</summary>
    private static async Task<Timings.Result> TimeEachAfterAsync(string name, int calls, Func<Task> before, Func<Task> call)
    {
        var load = Timings.LoadAverage();
        var latencies = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            await before();
            var began = Stopwatch.GetTimestamp();
            await call();
            latencies.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
        }
        var (p50, p99, max) = Percentiles.Of(latencies);
        var result = new Timings.Result(name, calls, p50, p99, max, load, Timings.LoadAverage());
        Console.WriteLine($"  {result}");
        return result;
    }

    /// <summary>One budget line of the municipality rewritten as it is: the row changes (a new version), its figures do not, its stamp
    /// moves.</summary>
    private static Task TouchAsync(NationalDatabase database, string municipality, CancellationToken ct) => database.ExecuteAsync("""
        UPDATE budget_lines SET cost_yen = cost_yen
        WHERE municipality_code = @m AND budget_line_id = (SELECT budget_line_id FROM budget_lines WHERE municipality_code = @m LIMIT 1)
        """, ct, new NpgsqlParameter("m", municipality));
}
