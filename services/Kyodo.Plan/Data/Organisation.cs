using Kyodo.Plan.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Data;

/// <summary>
/// Municipalities and departments as writes meet them: registered on first use, inside the
/// caller's transaction (so a rejected write leaves none behind), and safe when two writes
/// introduce the same department at once.
/// </summary>
public static class Organisation
{
    public static async Task EnsureMunicipalityAsync(this PlanDbContext db, string code, string? name, CancellationToken ct)
    {
        var displayName = string.IsNullOrWhiteSpace(name) ? code : name.Trim();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO municipalities (code, name) VALUES ({code}, {displayName})
            ON CONFLICT (code) DO UPDATE SET name = CASE WHEN {name ?? ""} = '' THEN municipalities.name ELSE EXCLUDED.name END
            """, ct);
    }

    /// <summary>The ids of these departments (by printed name), in the order given, adding unknown ones.</summary>
    public static async Task<IReadOnlyList<Guid>> ResolveDepartmentsAsync(this PlanDbContext db, string municipalityCode,
        IReadOnlyList<string> names, CancellationToken ct)
    {
        foreach (var name in names.Distinct())
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO departments (id, municipality_code, name) VALUES ({Guid.CreateVersion7()}, {municipalityCode}, {name})
                ON CONFLICT (municipality_code, name) DO NOTHING
                """, ct);
        }
        var ids = await db.Departments.AsNoTracking()
            .Where(d => d.MunicipalityCode == municipalityCode && names.Contains(d.Name))
            .ToDictionaryAsync(d => d.Name, d => d.Id, ct);
        return names.Select(n => ids[n]).ToList();
    }

    public static Task<Dictionary<Guid, Department>> DepartmentsByIdAsync(this PlanDbContext db, string municipalityCode, CancellationToken ct) =>
        db.Departments.AsNoTracking().Where(d => d.MunicipalityCode == municipalityCode).ToDictionaryAsync(d => d.Id, ct);
}
