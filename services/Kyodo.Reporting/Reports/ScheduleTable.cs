using Kyodo.Reporting.Data;
using Kyodo.Reporting.V1;
using Microsoft.EntityFrameworkCore;
using static Kyodo.Reporting.Reports.Cells;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// Reports 5a and 5b: a plan's items in document order (by their printed reference) with the
/// target-stakeholder matrix (■ = target), and the schedule table (stages per fiscal year).
/// </summary>
internal static class PlanTables
{
    private static readonly (string Key, string Label)[] Stakeholders =
    [
        ("Citizens", "市民"), ("LocalCommunity", "地域コミュニティ"), ("CivicGroups", "市民活動団体"), ("Businesses", "事業者"),
        ("Education", "教育機関"), ("Government", "行政"), ("Other", "その他"),
    ];

    public static async Task<Report> ItemListAsync(ReportingDbContext db, string municipalityCode, Guid planId, CancellationToken ct)
    {
        var (plan, items) = await LoadAsync(db, municipalityCode, planId, ct);
        var report = new ReportBuilder($"{plan.Name} 推進項目一覧表", municipalityCode);
        report.Includes(plan.AsOf);
        var columns = new List<(string, ColumnKind)> { ("整理番号", ColumnKind.Text), ("推進項目", ColumnKind.Text), ("担当課", ColumnKind.Text) };
        columns.AddRange(Stakeholders.Select(s => (s.Label, ColumnKind.Text)));
        var table = report.Table("推進項目一覧", columns.ToArray());
        foreach (var (row, item, reference) in items)
        {
            report.Includes(row.AsOf);
            var cells = new List<Cell> { Text(reference), Text(item.Title), Text(string.Join("・", item.Departments.Select(d => d.Name))) };
            cells.AddRange(Stakeholders.Select(s => Text(item.TargetStakeholders.Contains(s.Key) ? "■" : "□")));
            table.Rows.Add(Row(cells.ToArray()));
        }
        return report.Build();
    }

    public static async Task<Report> ScheduleAsync(ReportingDbContext db, string municipalityCode, Guid planId, CancellationToken ct)
    {
        var (plan, items) = await LoadAsync(db, municipalityCode, planId, ct);
        var report = new ReportBuilder($"{plan.Name} 年次計画", municipalityCode);
        report.Includes(plan.AsOf);
        var years = Enumerable.Range(plan.StartFiscalYear, plan.EndFiscalYear - plan.StartFiscalYear + 1).ToList();
        var columns = new List<(string, ColumnKind)> { ("整理番号", ColumnKind.Text), ("推進項目", ColumnKind.Text), ("実施内容", ColumnKind.Text) };
        columns.AddRange(years.Select(y => (Japanese.FiscalYearLabel(y), ColumnKind.Text)));
        var table = report.Table("年次計画", columns.ToArray());
        foreach (var (row, item, reference) in items)
        {
            report.Includes(row.AsOf);
            var rows = item.Schedule.GroupBy(c => (c.Row, c.RowLabel)).OrderBy(g => g.Key.Row)
                .Select(g => (Label: g.Key.RowLabel, Cells: g.ToList())).ToList();
            if (rows.Count == 0) rows.Add(("", [])); // an item with nothing planned still has its line
            foreach (var (label, scheduleCells) in rows)
            {
                var cells = new List<Cell> { Text(reference), Text(item.Title), Text(label) };
                cells.AddRange(years.Select(y => Text(string.Join("・", scheduleCells.FirstOrDefault(c => c.FiscalYear == y)?.Stages ?? []))));
                table.Rows.Add(Row(cells.ToArray()));
            }
        }
        return report.Build();
    }

    private static async Task<(ReadModels.PlanRow Plan, List<(ReadModels.ItemRow Row, Contracts.Plan.ItemSnapshot Item, string Reference)> Items)> LoadAsync(
        ReportingDbContext db, string municipalityCode, Guid planId, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.PlanId == planId && p.MunicipalityCode == municipalityCode && !p.Deleted, ct)
            ?? throw new ServiceDefaults.Errors.NotFoundException("plan", planId.ToString());
        var rows = await db.Items.AsNoTracking().Where(i => i.PlanId == planId && !i.Deleted).ToListAsync(ct);
        var items = rows.Select(r => (Row: r, Item: ItemJson.Read(r.SnapshotJson)))
            .Where(x => x.Item is not null)
            .Select(x => (x.Row, Item: x.Item!, Reference: x.Item!.Placements.FirstOrDefault(p => p.Primary)?.Reference ?? ""))
            .OrderBy(x => x.Reference, ReferenceOrder.Instance).ToList();
        return (plan, items);
    }
}

/// <summary>Orders printed references as documents do: by each part, numbers (also circled ①) by value.</summary>
internal sealed class ReferenceOrder : IComparer<string>
{
    public static readonly ReferenceOrder Instance = new();

    public int Compare(string? x, string? y) => string.Compare(Key(x), Key(y), StringComparison.Ordinal);

    private static string Key(string? reference) => string.Join("-", (reference ?? "").Split('-').Select(part =>
    {
        var normalised = part.Normalize(System.Text.NormalizationForm.FormKC);
        var digits = new string(normalised.Where(char.IsAsciiDigit).ToArray());
        return digits.Length > 0 ? digits.PadLeft(6, '0') + normalised : normalised;
    }));
}

internal static class Japanese
{
    /// <summary>FY2020 (令和2年度).</summary>
    public static string FiscalYearLabel(int year) => ServiceDefaults.Japanese.FiscalYearText.Display(year);
}
