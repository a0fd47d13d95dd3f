using Kyodo.Printing;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Kyodo.Reporting.V1;
using Microsoft.EntityFrameworkCore;
using static Kyodo.Reporting.Reports.Cells;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// Actuals entered and not yet approved: a draft (作成中: the department is still writing it), a
/// submitted one (承認待ち: waiting for an admin) and a returned one (差戻し: refused, to be corrected).
/// None of them is official, so no report counts or grades it; each report that shows indicator
/// actuals shows them apart, with their status, so a reader sees what is on its way and where it
/// stands. An approved entry is the official actual, which the item's indicator values hold.
/// </summary>
internal static class PendingActuals
{
    public const string TableName = "未承認の実績";
    public const string Approved = "Approved";

    /// <summary>The pending entries of <paramref name="indicatorIds"/> (live indicators the caller read), by indicator and year.</summary>
    public static async Task<Dictionary<(Guid Indicator, int Year), ActualEntryRow>> OfAsync(ReportingDbContext db, string code,
        IReadOnlyCollection<Guid> indicatorIds, CancellationToken ct)
    {
        if (indicatorIds.Count == 0) return [];
        var ids = indicatorIds.Distinct().ToList();
        return await db.ActualEntries.AsNoTracking()
            .Where(e => e.MunicipalityCode == code && e.Status != Approved && ids.Contains(e.IndicatorId))
            .ToDictionaryAsync(e => (e.IndicatorId, e.FiscalYear), ct);
    }

    /// <summary>
    /// The table 未承認の実績 (only when there are any): what it is an actual of (<paramref name="subjectColumn"/>),
    /// year, value, unit, status, who acted last and the reviewer's comment (a returned one's reason).
    /// </summary>
    public static void AddTable(ReportBuilder report, string subjectColumn,
        IEnumerable<(string Subject, string Unit, ActualEntryRow Entry)> pending)
    {
        var rows = pending.ToList();
        if (rows.Count == 0) return;
        var table = report.Table(TableName, (subjectColumn, ColumnKind.Text), ("年度", ColumnKind.Text), ("値", ColumnKind.Number),
            ("単位", ColumnKind.Text), ("状況", ColumnKind.Text), ("最終操作者", ColumnKind.Text), ("コメント", ColumnKind.Text));
        foreach (var (subject, unit, entry) in rows)
        {
            report.Includes(entry.AsOf);
            table.Rows.Add(Row(Text(subject), Text(Japanese.FiscalYearLabel(entry.FiscalYear)), Value(entry.Value), Text(unit),
                Text(SheetWords.ReviewStatus(entry.Status)), Text(entry.By), Text(entry.Comment)));
        }
    }
}
