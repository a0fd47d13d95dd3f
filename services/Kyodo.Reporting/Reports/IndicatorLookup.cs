using Kyodo.Reporting.Data;
using Kyodo.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.Reports;

/// <summary>Finds the live item holding an indicator (of a live plan), with its contents, so a report on a few indicators reads only their
/// items.</summary>
internal static class IndicatorLookup
{
    public static async Task<(LoadedItem Item, LoadedIndicator Indicator)> FindAsync(ReportingDbContext db, string code, Guid indicatorId,
        CancellationToken ct)
    {
        var owners = db.Indicators.Where(x => x.MunicipalityCode == code && x.IndicatorId == indicatorId).Select(x => x.ItemId);
        var item =
            (await LoadedItems.LoadAsync(db, code, LoadedItems.Live(db, code).Where(i => owners.Contains(i.ItemId)), ct)).SingleOrDefault();
        return item?.Indicators.FirstOrDefault(x => x.Row.IndicatorId == indicatorId) is { } indicator
            ? (item, indicator)
            : throw new NotFoundException("indicator", indicatorId.ToString());
    }
}
