using Kyodo.Contracts;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Plan;
using Kyodo.Contracts.Subsidy;
using Kyodo.Testing;

namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>
/// The changes cities make once the country is loaded, as their services publish them: 40% items
/// updated, 15% schedules changed, 15% actuals recorded (each carrying the whole item at its next
/// revision), 20% budget lines revised, 10% subsidy applications submitted; each to a random
/// record of a random municipality, every record's revision counted up as its service would, from
/// <paramref name="firstRevision"/> (above any the database holds); the applications are new ones.
/// </summary>
public sealed class LiveEvents(Country country, int seed, int firstRevision)
{
    private readonly Random _random = new(seed);
    private readonly Dictionary<(string, int), int> _items = [], _lines = [];
    private readonly Dictionary<string, SyntheticCity> _cities = [];
    private int _applications;

    public PublishedEvent Next(DateTimeOffset at)
    {
        var code = country.Municipalities[_random.Next(country.Municipalities.Count)];
        var city = _cities.TryGetValue(code, out var known) ? known : _cities[code] = new SyntheticCity(code);
        var i = _random.Next(city.Items);
        var kind = _random.NextDouble();
        IIntegrationEvent e = kind switch
        {
            < 0.40 => new ItemUpdated(Guid.NewGuid(), at, code, NextItem(city, i)),
            < 0.55 => Schedule(at, code, NextItem(city, i)),
            < 0.70 => Actual(at, city, NextItem(city, i)),
            < 0.90 => new BudgetLineRevised(Guid.NewGuid(), at, code, NextLine(city, i, _random.Next(SyntheticCity.Years))),
            _ => Submitted(at, city),
        };
        return new PublishedEvent(e.EventId, e, e.GetType());
    }

    private ItemSnapshot NextItem(SyntheticCity city, int i)
    {
        var revision = _items[(city.Code, i)] = _items.GetValueOrDefault((city.Code, i), firstRevision - 1) + 1;
        return city.Item(i, revision);
    }

    private BudgetLineSnapshot NextLine(SyntheticCity city, int i, int y)
    {
        var key = (city.Code, i * SyntheticCity.Years + y);
        var revision = _lines[key] = _lines.GetValueOrDefault(key, firstRevision - 1) + 1;
        return city.Line(i, y, revision);
    }

    private static ItemScheduleChanged Schedule(DateTimeOffset at, string code, ItemSnapshot item) =>
        new(Guid.NewGuid(), at, code, item.ItemId, item.PlanId, item.Revision, item.Schedule, item);

    private static IndicatorActualRecorded Actual(DateTimeOffset at, SyntheticCity city, ItemSnapshot item)
    {
        var indicator = item.Indicators[0];
        var actual = indicator.Actuals[^1];
        return new IndicatorActualRecorded(Guid.NewGuid(), at, city.Code, item.ItemId, indicator.IndicatorId, item.Revision,
            actual.FiscalYear, actual.Value,
            indicator.Targets.FirstOrDefault(t => t.FiscalYear == actual.FiscalYear)?.Value, indicator.Unit, indicator.Direction,
            "benchmark", item);
    }

    /// <summary>A new application of the city's program (numbers above the loaded ones and an earlier run's), submitted.</summary>
    private ApplicationStatusChanged Submitted(DateTimeOffset at, SyntheticCity city)
    {
        var n = firstRevision * 100_000 + Interlocked.Increment(ref _applications);
        var template = city.Application(n % SyntheticCity.Applications);
        return template with
        {
            EventId = Guid.NewGuid(),
            OccurredAt = at,
            ApplicationId = city.Id("application", n),
            ApplicantId = city.Id("applicant", n),
            From = "",
            To = "Submitted",
            AwardedYen = 0,
            SettledYen = 0,
            Revision = 1,
        };
    }
}
