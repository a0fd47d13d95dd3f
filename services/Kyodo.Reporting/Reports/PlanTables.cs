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

    /// <summary>
    /// 推進項目一覧表 as 003 prints it: a line per placement, so a re-listed item appears under
    /// each measure it is listed in, the re-listings marked 【再掲】; その他 with its text, as the
    /// item sheet prints ■その他（小学4年生）.
    /// </summary>
    public static async Task<Report> ItemListAsync(ReportingDbContext db, PlanReportFilter filter, CancellationToken ct)
    {
        var (plan, items, department, node) = await LoadAsync(db, filter, ct);
        var report = new ReportBuilder(
            ReportTitle.With($"{plan.Name} 推進項目一覧表", ReportTitle.Node(node?.Label), ReportTitle.Department(department?.Name)),
            filter.MunicipalityCode);
        report.Includes(plan.AsOf);
        report.Includes(department?.AsOf);
        report.Includes(node?.Node.AsOf);
        var columns = new List<(string, ColumnKind)> { ("整理番号", ColumnKind.Text), ("推進項目", ColumnKind.Text), ("担当課", ColumnKind.Text),
            ("実施主体", ColumnKind.Text) };
        columns.AddRange(Stakeholders.Select(s => (s.Label, ColumnKind.Text)));
        var table = report.Table("推進項目一覧", columns.ToArray());
        // An item without a placement still has its line, without a reference (not under any node).
        var listings = items.SelectMany(x => (x.Placements.Count == 0 ? [new ReadModels.PlacementRow { IsPrimary = true }] : x.Placements)
                .Where(p => node is null || node.Subtree.Contains(p.NodeId))
                .Select(p => (Item: x, p.Reference, Relisted: !p.IsPrimary)))
            .OrderBy(l => l.Reference, ReferenceOrder.Instance).ThenBy(l => l.Relisted)
            .ThenBy(l => l.Item.Row.Title, StringComparer.Ordinal).ToList();
        foreach (var (item, reference, relisted) in listings)
        {
            report.Includes(item.Row.AsOf);
            var cells = new List<Cell>
            {
                Text(reference), Text(relisted ? $"{item.Row.Title}【再掲】" : item.Row.Title),
                    Text(string.Join("・", item.Departments.Select(d => d.Name))),
                Text(string.Join("・", item.Row.ImplementingBodies)),
            };
            cells.AddRange(Stakeholders.Select(s => Text(Mark(item.Row, s.Key))));
            table.Rows.Add(Row(cells.ToArray()));
        }
        return report.Build();
    }

    private static string Mark(ReadModels.ItemRow item, string stakeholder) =>
        !item.TargetStakeholders.Contains(stakeholder) ? "□"
        : stakeholder == "Other" && item.TargetOther.Length > 0 ? $"■（{item.TargetOther}）"
        : "■";

    /// <summary>年次計画: an item's schedule rows with their stages per fiscal year of the plan's period, or of the years asked for within
    /// it.</summary>
    public static async Task<Report> ScheduleAsync(ReportingDbContext db, PlanReportFilter filter, CancellationToken ct)
    {
        var (plan, items, department, node) = await LoadAsync(db, filter, ct);
        var years = YearsWithin(plan, filter.Years);
        var title = ReportTitle.With($"{plan.Name} 年次計画", filter.Years.All ? null : ReportTitle.Years(years[0], years[^1]),
            ReportTitle.Node(node?.Label), ReportTitle.Department(department?.Name));
        var report = new ReportBuilder(title, filter.MunicipalityCode);
        report.Includes(plan.AsOf);
        report.Includes(department?.AsOf);
        report.Includes(node?.Node.AsOf);
        var columns = new List<(string, ColumnKind)> { ("整理番号", ColumnKind.Text), ("推進項目", ColumnKind.Text), ("実施内容", ColumnKind.Text) };
        columns.AddRange(years.Select(y => (Japanese.FiscalYearLabel(y), ColumnKind.Text)));
        var table = report.Table("年次計画", columns.ToArray());
        // Under a node: the items placed there (primary placement), each once, as a section of the table prints them.
        foreach (var item in items.Where(x => node is null || (x.Row.PrimaryNodeId is { } at && node.Subtree.Contains(at))))
        {
            report.Includes(item.Row.AsOf);
            var rows = item.Schedule.GroupBy(c => (c.Row, c.RowLabel)).OrderBy(g => g.Key.Row)
                .Select(g => (Label: g.Key.RowLabel, Cells: g.ToList())).ToList();
            if (rows.Count == 0) rows.Add(("", [])); // an item with nothing planned still has its line
            foreach (var (label, scheduleCells) in rows)
            {
                var cells = new List<Cell> { Text(item.Reference), Text(item.Row.Title), Text(label) };
                cells.AddRange(
                    years.Select(y => Text(string.Join("・", scheduleCells.FirstOrDefault(c => c.FiscalYear == y)?.Stages ?? []))));
                table.Rows.Add(Row(cells.ToArray()));
            }
        }
        return report.Build();
    }

    private static List<int> YearsWithin(ReadModels.PlanRow plan, YearRange asked)
    {
        var (from, to) = PlanYears.Within(plan, asked);
        return Enumerable.Range(from, to - from + 1).ToList();
    }

    /// <summary>
    /// The plan of the municipality, its live items in document order (by primary reference), only
    /// those of the department when one is asked for, that department, and the node asked for.
    /// </summary>
    private static async Task<(ReadModels.PlanRow Plan, List<LoadedItem> Items, ReadModels.DepartmentRow? Department,
        NodeFilter? Node)> LoadAsync(
        ReportingDbContext db, PlanReportFilter filter, CancellationToken ct)
    {
        var code = filter.MunicipalityCode;
        var plan = await db.Plans.AsNoTracking()
            .SingleOrDefaultAsync(p => p.MunicipalityCode == code && p.PlanId == filter.PlanId && !p.Deleted, ct)
            ?? throw new ServiceDefaults.Errors.NotFoundException("plan", filter.PlanId.ToString());
        var node = await NodeFilter.ResolveAsync(db, code, filter.NodeId, filter.PlanId, ct);
        var items = await LoadedItems.LoadAsync(db, code,
            db.Items.Where(i => i.MunicipalityCode == code && i.PlanId == filter.PlanId && !i.Deleted), ct);
        if (filter.DepartmentId is not { } departmentId) return (plan, items, null, node);

        var department = await DepartmentAsync(db, code, departmentId, items, ct);
        return (plan, items.Where(x => x.Departments.Any(d => d.DepartmentId == departmentId)).ToList(), department, node);
    }

    /// <summary>
    /// The department asked for: its row, or (while its DepartmentChanged is still on its way) as
    /// the plan's items name it. One of another municipality, or unknown, reads as missing.
    /// </summary>
    private static async Task<ReadModels.DepartmentRow> DepartmentAsync(ReportingDbContext db, string code, Guid departmentId,
        IEnumerable<LoadedItem> items, CancellationToken ct)
    {
        var row =
            await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.MunicipalityCode == code && d.DepartmentId == departmentId, ct);
        if (row is { Deleted: false }) return row;
        var named = items.SelectMany(i => i.Departments).FirstOrDefault(d => d.DepartmentId == departmentId);
        return named is null
            ? throw new ServiceDefaults.Errors.NotFoundException("department", departmentId.ToString())
            : new ReadModels.DepartmentRow { DepartmentId = departmentId, Name = named.Name, MunicipalityCode = code };
    }
}
