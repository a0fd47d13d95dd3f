using System.Globalization;
using Kyodo.Contracts.Budget;
using Kyodo.Reporting.Data;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.Reports;

/// <summary>One year's staff time of an item: 人工, the year's unit cost if set, and 人件費 from them (StaffCost.Yen, as budget's
/// GetFullCost).</summary>
internal sealed record StaffYear(decimal PersonYears, long? YenPerPersonYear, DateTimeOffset AsOf)
{
    public long? StaffCostYen => YenPerPersonYear is { } yen ? StaffCost.Yen(PersonYears, yen) : null;

    /// <summary>"FY2019 (令和元年度) 0.8人", with "（人件費単価未設定）" while the year has no unit cost.</summary>
    public string Text(string yearLabel) =>
        $"{yearLabel} {(PersonYears / 1.00m).ToString("0.##", CultureInfo.InvariantCulture)}人"
        + $"{(YenPerPersonYear is null ? "（人件費単価未設定）" : "")}";
}

internal static class StaffYears
{
    /// <summary>The item's staff time in <paramref name="years"/>, by year (years without staff time absent).</summary>
    public static async Task<Dictionary<int, StaffYear>> LoadAsync(ReportingDbContext db, string code, Guid itemId,
        IReadOnlyCollection<int> years, CancellationToken ct)
    {
        var times = await db.StaffTimes.AsNoTracking()
            .Where(s => s.MunicipalityCode == code && s.ItemId == itemId && years.Contains(s.FiscalYear)).ToListAsync(ct);
        var units = await db.StaffUnitCosts.AsNoTracking().Where(u => u.MunicipalityCode == code && years.Contains(u.FiscalYear))
            .ToDictionaryAsync(u => u.FiscalYear, ct);
        return times.ToDictionary(t => t.FiscalYear, t =>
        {
            var unit = units.GetValueOrDefault(t.FiscalYear);
            return new StaffYear(t.PersonYears, unit?.YenPerPersonYear, unit is null || unit.AsOf < t.AsOf ? t.AsOf : unit.AsOf);
        });
    }
}
