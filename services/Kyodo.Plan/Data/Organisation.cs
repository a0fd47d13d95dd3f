using Kyodo.Audit;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.Domain;
using Kyodo.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Plan.Data;

/// <summary>
/// Municipalities and departments as writes meet them: registered on first use, inside the
/// caller's transaction (so a rejected write leaves none behind, and a new department's
/// DepartmentChanged event commits with it), and safe when two writes introduce the same
/// department at once. Both are raw upserts the change tracker cannot see, so they describe
/// themselves to the audit trail (AuditWrite), saved in the same transaction.
/// </summary>
public static class Organisation
{
    public static async Task EnsureMunicipalityAsync(this PlanDbContext db, string code, string? name, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await UpsertMunicipalityAsync(db, code, name, ct); // its audit row is saved with the caller's change
            return;
        }
        // A call of its own (UpsertMunicipality): a transaction of its own, so the upsert and its audit row commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await UpsertMunicipalityAsync(db, code, name, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task UpsertMunicipalityAsync(PlanDbContext db, string code, string? name, CancellationToken ct)
    {
        var displayName = string.IsNullOrWhiteSpace(name) ? code : name.Trim();
        // xmax = 0 only on a freshly inserted row; the CTE reads the name as it was before this statement.
        var upserted = (await db.Database.SqlQuery<MunicipalityUpsert>($"""
            WITH previous AS (SELECT name FROM municipalities WHERE code = {code})
            INSERT INTO municipalities (code, name) VALUES ({code}, {displayName})
            ON CONFLICT (code) DO UPDATE SET name = CASE WHEN {name ?? ""} = '' THEN municipalities.name ELSE EXCLUDED.name END
            RETURNING (xmax = 0) AS "Inserted", (SELECT name FROM previous) AS "PreviousName", name AS "Name"
            """).ToListAsync(ct)).Single();
        if (upserted.Inserted)
            db.AuditWrite("municipality", code, code, AuditActions.Created, [new("code", null, code), new("name", null, upserted.Name)]);
        else if (upserted.PreviousName != upserted.Name)
            db.AuditWrite("municipality", code, code, AuditActions.Updated, [new("name", upserted.PreviousName, upserted.Name)]);
    }

    private sealed record MunicipalityUpsert(bool Inserted, string? PreviousName, string Name);

    /// <summary>
    /// The ids of these departments (by printed name), in the order given, adding unknown ones; each
    /// share-locked until the caller's transaction ends, so none can be deleted under the write. Names
    /// already known (the common case) cost one round trip; unknown ones are added in one more, then read.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> ResolveDepartmentsAsync(this PlanDbContext db, string municipalityCode,
        IReadOnlyList<string> names, CancellationToken ct)
    {
        var ids = await LockDepartmentsAsync(db, municipalityCode, names, ct);
        var unknown = names.Distinct().Where(n => !ids.ContainsKey(n)).ToArray();
        if (unknown.Length > 0)
        {
            await AddDepartmentsAsync(db, municipalityCode, unknown, ct);
            // Ours or another's that committed first (ON CONFLICT skipped it): either way it exists now.
            foreach (var (name, id) in await LockDepartmentsAsync(db, municipalityCode, unknown, ct)) ids[name] = id;
        }
        return names.Select(n => ids[n]).ToList();
    }

    private static Task<Dictionary<string, Guid>> LockDepartmentsAsync(PlanDbContext db, string municipalityCode,
        IReadOnlyCollection<string> names, CancellationToken ct) =>
        db.Departments
            .FromSql($"SELECT * FROM departments WHERE municipality_code = {municipalityCode} AND name = ANY({names.ToArray()}) FOR SHARE")
            .AsNoTracking()
            .ToDictionaryAsync(d => d.Name, d => d.Id, ct);

    /// <summary>Adds the departments of these names in one statement, each with its event and audit row; a name another
    /// transaction added first is skipped.</summary>
    private static async Task AddDepartmentsAsync(PlanDbContext db, string municipalityCode, string[] names, CancellationToken ct)
    {
        var ids = names.Select(_ => Guid.CreateVersion7()).ToArray();
        var added = await db.Database.SqlQuery<AddedDepartment>($"""
            INSERT INTO departments (id, municipality_code, name, revision)
            SELECT id, {municipalityCode}, name, 1 FROM unnest({ids}, {names}) AS wanted(id, name)
            ON CONFLICT (municipality_code, name) DO NOTHING
            RETURNING id AS "Id", name AS "Name"
            """).ToListAsync(ct);
        foreach (var (id, name) in added)
        {
            db.AddIntegrationEvent(
                new DepartmentChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, municipalityCode, id, name, Revision: 1, Deleted: false));
            db.AuditWrite("department", id.ToString(), municipalityCode, AuditActions.Created,
                [new("municipality_code", null, municipalityCode), new("name", null, name), new("revision", null, 1)]);
        }
    }

    private sealed record AddedDepartment(Guid Id, string Name);

    public static Task<Dictionary<Guid, Department>> DepartmentsByIdAsync(this PlanDbContext db, string municipalityCode,
        CancellationToken ct) =>
        db.Departments.AsNoTracking().Where(d => d.MunicipalityCode == municipalityCode).ToDictionaryAsync(d => d.Id, ct);
}
