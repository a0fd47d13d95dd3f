using System.Collections.Concurrent;
using System.Text;
using Kyodo.ServiceDefaults.Idempotency;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.ServiceDefaults.Projections;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Kyodo.Audit;

/// <summary>
/// How one entity type appears in the audit trail: the record kind its changes are filed
/// under, which of its properties hold that record's id, and which name its key within it.
/// </summary>
internal sealed record AuditTarget(
    IEntityType EntityType,
    string EntityName,
    IEntityType RecordEntityType,
    string RecordType,
    IReadOnlyList<IProperty> RecordIdProperties,
    IReadOnlyList<IProperty> PartKeyProperties)
{
    /// <summary>The record itself (an item), not a part of one (an item's schedule cell).</summary>
    public bool IsRecord => EntityType == RecordEntityType;

    /// <summary>Properties already said by the record id or the part key: not repeated as changed fields.</summary>
    public bool IsIdentity(IProperty property) => RecordIdProperties.Contains(property) || PartKeyProperties.Contains(property);
}

/// <summary>Works out (once per entity type) how its rows are audited, from the model and the Audit* annotations.</summary>
internal static class AuditTargets
{
    private static readonly ConcurrentDictionary<IEntityType, AuditTarget?> Cache = new();

    /// <summary>
    /// Never audited: the trail itself, the outbox (and how far it was pruned) and inbox, the answers kept for retried calls (the
    /// change they answer for is audited) and other services' records as last seen (not this service's changes).
    /// </summary>
    private static readonly HashSet<Type> Infrastructure =
    [
        typeof(AuditRecord), typeof(OutboxMessage), typeof(OutboxPruneMark), typeof(InboxMessage),
        typeof(IdempotencyRecord), typeof(PlanItemFact), typeof(DeletedPlanFact),
    ];

    public static AuditTarget? For(IEntityType type) => Cache.GetOrAdd(type, Resolve);

    /// <summary>The record kinds this model audits (what GetAuditTrail accepts).</summary>
    public static IReadOnlySet<string> RecordTypes(IModel model) =>
        model.GetEntityTypes().Select(For).OfType<AuditTarget>().Select(t => t.RecordType).ToHashSet(StringComparer.Ordinal);

    private static AuditTarget? Resolve(IEntityType type)
    {
        if (Infrastructure.Contains(type.ClrType) || type.FindAnnotation(AuditModelBuilderExtensions.NotAuditedAnnotation) is not null)
            return null;
        var name = NameOf(type);
        var key = type.FindPrimaryKey()?.Properties
            ?? throw new InvalidOperationException($"{type.DisplayName()} has no key; the audit trail cannot name its rows.");

        if (type.FindOwnership() is { } ownership)
            return PartOf(type, name, ownership, key);

        if (type.FindAnnotation(AuditModelBuilderExtensions.PartOfAnnotation)?.Value is string foreignKeyName)
        {
            var foreignKey = type.GetForeignKeys().SingleOrDefault(fk => fk.Properties is [var p] && p.Name == foreignKeyName)
                ?? throw new InvalidOperationException($"{type.DisplayName()}.{foreignKeyName} is not a single-property foreign key.");
            return PartOf(type, name, foreignKey, key);
        }

        if (key.Count == 1) return new AuditTarget(type, name, type, name, key, []);

        // A composite key that starts with a parent's id (an item's placements and schedule cells): a part of that parent.
        var parent = type.FindForeignKeys(key[0]).FirstOrDefault(fk => fk.Properties.Count == 1)
            ?? throw new InvalidOperationException(
                $"{type.DisplayName()} has a composite key that does not start with a parent's id; mark it AuditedAsPartOf or NotAudited.");
        return PartOf(type, name, parent, key);
    }

    private static AuditTarget PartOf(IEntityType type, string name, IForeignKey toParent, IReadOnlyList<IProperty> key)
    {
        var parent = For(toParent.PrincipalEntityType)
            ?? throw new InvalidOperationException(
                $"{type.DisplayName()} is part of {toParent.PrincipalEntityType.DisplayName()}, which is not audited.");
        if (!parent.IsRecord)
            throw new InvalidOperationException(
                $"{type.DisplayName()} is part of a part ({parent.EntityName}); the audit trail files parts only under records.");
        return new AuditTarget(type, name, parent.RecordEntityType, parent.RecordType, toParent.Properties,
            key.Where(p => !toParent.Properties.Contains(p)).ToArray());
    }

    private static string NameOf(IEntityType type) =>
        type.FindAnnotation(AuditModelBuilderExtensions.RecordTypeAnnotation)?.Value as string ?? SnakeCase(type.ClrType.Name);

    /// <summary>"BudgetLine" → "budget_line", as the API names fields and kinds.</summary>
    public static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])))) text.Append('_');
                text.Append(char.ToLowerInvariant(c));
            }
            else text.Append(c);
        }
        return text.ToString();
    }
}
