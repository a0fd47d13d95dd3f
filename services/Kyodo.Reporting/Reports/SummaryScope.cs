using Kyodo.Reporting.Data;
using Kyodo.Reporting.ReadModels;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// The rows the department summary counts, by the rules its request documents
/// (DepartmentSummaryRequest in reporting_service.proto), and the newest event among exactly
/// the rows it used: the report's as_of.
/// <list type="bullet">
/// <item>plans: live, of the plan filter, whose period overlaps the years;</item>
/// <item>items: live items of those plans that the department filter's department leads;</item>
/// <item>budget lines: live lines of the years whose item is a live item of those plans (whoever
///   leads it now), of the filter's department (the line's own);</item>
/// <item>reservations: those held against the lines counted, for the line's department;</item>
/// <item>applications of the years: where the program names a budget line for the application's
///   year, only if that line is counted, for its department; where it names none (or its program
///   is not known yet), only without plan and department filters, for no department.</item>
/// </list>
/// </summary>
internal sealed class SummaryScope
{
    public required List<ItemRow> Items { get; init; }
    public required List<BudgetLineRow> Lines { get; init; }
    public required List<ReservationRow> Reservations { get; init; }
    /// <summary>Each counted application with the department it counts for (null: none).</summary>
    public required List<(ApplicationRow Application, Guid? Department)> Applications { get; init; }
    public required Dictionary<Guid, DepartmentRow> Departments { get; init; }
    public required Dictionary<Guid, Guid?> LineDepartments { get; init; }

    /// <summary>Rows used besides those counted: the plans and items through which lines were admitted, the programs that linked applications.</summary>
    private List<VersionedRow> Admitting { get; init; } = [];

    public static async Task<SummaryScope> LoadAsync(ReportingDbContext db, string code, int from, int to, Guid? planId, Guid? departmentId, CancellationToken ct)
    {
        var plans = await db.Plans.AsNoTracking()
            .Where(p => p.MunicipalityCode == code && !p.Deleted && (planId == null || p.PlanId == planId) && p.StartFiscalYear <= to && p.EndFiscalYear >= from)
            .ToDictionaryAsync(p => p.PlanId, ct);
        var planIds = plans.Keys.ToList();
        var itemsOfPlans = await db.Items.AsNoTracking().Where(i => i.MunicipalityCode == code && !i.Deleted && planIds.Contains(i.PlanId)).ToListAsync(ct);
        var itemsById = itemsOfPlans.ToDictionary(i => i.ItemId);
        var itemIds = itemsById.Keys.ToList();

        var lines = await db.BudgetLines.AsNoTracking()
            .Where(l => l.MunicipalityCode == code && !l.Deleted && l.FiscalYear >= from && l.FiscalYear <= to && itemIds.Contains(l.ItemId)
                && (departmentId == null || l.DepartmentId == departmentId))
            .ToListAsync(ct);
        var lineDepartments = lines.ToDictionary(l => l.BudgetLineId, l => l.DepartmentId);
        var lineIds = lineDepartments.Keys.ToList();
        var reservations = await db.Reservations.AsNoTracking()
            .Where(r => r.MunicipalityCode == code && !r.Deleted && lineIds.Contains(r.BudgetLineId)).ToListAsync(ct);

        var programs = await db.SubsidyPrograms.AsNoTracking().Where(p => p.MunicipalityCode == code && !p.Deleted).ToDictionaryAsync(p => p.ProgramId, ct);
        var links = new Dictionary<(Guid Program, int FiscalYear), Guid>();
        foreach (var program in programs.Values)
            foreach (var link in ProgramLinks.Read(program.SnapshotJson))
                links[(program.ProgramId, link.FiscalYear)] = link.BudgetLineId;
        var unfiltered = planId is null && departmentId is null;
        var applications = new List<(ApplicationRow, Guid?)>();
        var linkingPrograms = new HashSet<Guid>();
        foreach (var a in await db.Applications.AsNoTracking()
                     .Where(a => a.MunicipalityCode == code && !a.Deleted && a.FiscalYear >= from && a.FiscalYear <= to).ToListAsync(ct))
        {
            if (links.TryGetValue((a.ProgramId, a.FiscalYear), out var line))
            {
                if (!lineDepartments.TryGetValue(line, out var department)) continue; // spends from a line out of scope
                applications.Add((a, department));
            }
            else if (unfiltered) applications.Add((a, null));
            else continue;
            linkingPrograms.Add(a.ProgramId);
        }

        var items = itemsOfPlans.Where(i => departmentId is null || i.LeadDepartmentId == departmentId).ToList();
        var itemsOfLines = lines.Select(l => itemsById[l.ItemId]).ToList();
        List<VersionedRow> admitting =
        [
            .. itemsOfLines,
            .. items.Concat(itemsOfLines).Select(i => i.PlanId).Distinct().Select(p => plans[p]),
            .. linkingPrograms.Where(programs.ContainsKey).Select(p => programs[p]),
        ];

        return new SummaryScope
        {
            Items = items,
            Lines = lines,
            Reservations = reservations,
            Applications = applications,
            Departments = await db.Departments.AsNoTracking().Where(d => d.MunicipalityCode == code && !d.Deleted).ToDictionaryAsync(d => d.DepartmentId, ct),
            LineDepartments = lineDepartments,
            Admitting = admitting,
        };
    }

    /// <summary>Notes the time of every row used: those counted, those that admitted them, and the department rows naming <paramref name="shown"/>.</summary>
    public void DateInto(ReportBuilder report, IEnumerable<Guid?> shown)
    {
        IEnumerable<VersionedRow> used = [.. Items, .. Lines, .. Reservations, .. Applications.Select(a => a.Application), .. Admitting,
            .. shown.OfType<Guid>().Where(Departments.ContainsKey).Select(d => Departments[d])];
        foreach (var row in used) report.Includes(row.AsOf);
    }
}
