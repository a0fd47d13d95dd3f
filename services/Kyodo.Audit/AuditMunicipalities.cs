using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Kyodo.Audit;

/// <summary>
/// Finds the municipality an audited record belongs to, which GetAuditTrail scopes by: its
/// own MunicipalityCode, or its parent's (a plan node's plan, a course's program). Reads the
/// tracked rows of the save first and asks the database only for a parent it does not hold.
/// </summary>
internal sealed class AuditMunicipalities(DbContext db, IReadOnlyDictionary<(IEntityType, string), EntityEntry> tracked)
{
    private const string PropertyName = "MunicipalityCode";

    /// <summary>Where a record type's municipality is: a property of its own, or behind a foreign key.</summary>
    private sealed record Source(IProperty? Own, IForeignKey? ViaParent);

    private static readonly ConcurrentDictionary<IEntityType, Source?> Sources = new();

    /// <summary>Says whether every record of this type can be placed in a municipality (a model check for tests).</summary>
    public static bool CanPlace(IEntityType recordType) => SourceOf(recordType) is not null;

    public async Task<string?> OfAsync(IEntityType recordType, object recordId, EntityEntry? entry, bool async, CancellationToken ct)
    {
        var source = SourceOf(recordType);
        if (source is null) return null;
        entry ??= tracked.GetValueOrDefault((recordType, AuditValues.KeyText(recordId)));
        if (source.Own is { } own)
            return entry is not null
                ? AuditValues.Stored(entry.Property(own)) as string
                : await QueryAsync(recordType, recordId, own, async, ct);

        var toParent = source.ViaParent!;
        var parentId = entry is not null
            ? AuditValues.Stored(entry.Property(toParent.Properties[0]))
            : Parse(await QueryAsync(recordType, recordId, toParent.Properties[0], async, ct), toParent.PrincipalKey.Properties[0].ClrType);
        return parentId is null ? null : await OfAsync(toParent.PrincipalEntityType, parentId, null, async, ct);
    }

    private static Source? SourceOf(IEntityType type) => Sources.GetOrAdd(type, t =>
    {
        var named = t.FindAnnotation(AuditModelBuilderExtensions.MunicipalityAnnotation)?.Value as string ?? PropertyName;
        if (t.FindProperty(named) is { } own) return new Source(own, null);
        var parents = t.GetForeignKeys()
            .Where(fk => fk.Properties.Count == 1 && fk.PrincipalEntityType != t && fk.PrincipalKey.Properties.Count == 1)
            .ToList();
        var parent = parents.FirstOrDefault(fk => fk.PrincipalEntityType.FindProperty(PropertyName) is not null)
            ?? parents.FirstOrDefault(fk => SourceOf(fk.PrincipalEntityType) is not null);
        return parent is null ? null : new Source(null, parent);
    });

    /// <summary>One column of one row, as text (the row exists: the save has not run yet).</summary>
    private async Task<string?> QueryAsync(IEntityType type, object key, IProperty column, bool async, CancellationToken ct)
    {
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var keyColumn = type.FindPrimaryKey()!.Properties.Single().GetColumnName(table);
        var schema = type.GetSchema() is { } s ? Quote(s) + "." : "";
        var sql = $"SELECT {Quote(column.GetColumnName(table)!)}::text AS \"Value\" FROM {schema}{Quote(table.Name)} WHERE "
            + $"{Quote(keyColumn!)} = {{0}}";
        var query = db.Database.SqlQueryRaw<string>(sql, key);
        return async ? await query.FirstOrDefaultAsync(ct) : query.FirstOrDefault();
    }

    private static object? Parse(string? text, Type type) =>
        text is null ? null : TypeDescriptor.GetConverter(Nullable.GetUnderlyingType(type) ?? type)
            .ConvertFromString(null, CultureInfo.InvariantCulture, text);

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
