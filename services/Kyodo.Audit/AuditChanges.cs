using System.Text.Json.Nodes;
using Kyodo.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Kyodo.Audit;

/// <summary>The fields one tracked row changes in this save, before and after.</summary>
internal static class AuditChanges
{
    /// <summary>
    /// Each changed field as <c>{"entity", "key"?, "field", "before"?, "after"?}</c>: every field of
    /// an added row (no before) or a deleted row (no after), and of a modified row only those
    /// whose value differs.
    /// </summary>
    public static IEnumerable<JsonObject> Of(EntityEntry entry, AuditTarget target)
    {
        var key = target.PartKeyProperties.Count == 0 ? null : PartKey(entry, target.PartKeyProperties);
        var fields = entry.Properties
            .Where(p => Audited(p.Metadata) && !target.IsIdentity(p.Metadata))
            .Select(p => (Name: AuditTargets.SnakeCase(p.Metadata.Name), Property: p))
            .Concat(ComplexFields(entry.ComplexProperties, ""));
        foreach (var (name, property) in fields)
        {
            var change = new JsonObject { ["entity"] = target.EntityName };
            if (key is not null) change["key"] = key.DeepClone();
            change["field"] = name;
            switch (entry.State)
            {
                case EntityState.Added:
                    change["after"] = AuditValues.ToJson(property.CurrentValue);
                    break;
                case EntityState.Deleted:
                    change["before"] = AuditValues.ToJson(property.OriginalValue);
                    break;
                case EntityState.Modified when property.IsModified && !Same(property):
                    change["before"] = AuditValues.ToJson(property.OriginalValue);
                    change["after"] = AuditValues.ToJson(property.CurrentValue);
                    break;
                default:
                    continue;
            }
            yield return change;
        }
    }

    private static IEnumerable<(string Name, PropertyEntry Property)> ComplexFields(IEnumerable<ComplexPropertyEntry> complexes,
        string prefix)
    {
        foreach (var complex in complexes)
        {
            var path = prefix + AuditTargets.SnakeCase(complex.Metadata.Name) + ".";
            foreach (var property in complex.Properties.Where(p => Audited(p.Metadata)))
                yield return (path + AuditTargets.SnakeCase(property.Metadata.Name), property);
            foreach (var nested in ComplexFields(complex.ComplexProperties, path))
                yield return nested;
        }
    }

    /// <summary>
    /// Values the database generates on every write are unknown before the save and say nothing; a
    /// row's version counter (<see cref="RowVersions"/>) moves with every change and says nothing either.
    /// </summary>
    private static bool Audited(IProperty property) =>
        property.ValueGenerated is not (ValueGenerated.OnUpdate or ValueGenerated.OnAddOrUpdate)
        && property.FindAnnotation(RowVersions.Annotation) is null;

    private static bool Same(PropertyEntry property) =>
        property.Metadata.GetValueComparer().Equals(property.OriginalValue, property.CurrentValue);

    private static JsonObject PartKey(EntityEntry entry, IReadOnlyList<IProperty> properties)
    {
        var key = new JsonObject();
        foreach (var property in properties)
            key[AuditTargets.SnakeCase(property.Name)] = AuditValues.ToJson(AuditValues.Stored(entry.Property(property)));
        return key;
    }
}
