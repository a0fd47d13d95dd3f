using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kyodo.Audit;

public static class AuditModelBuilderExtensions
{
    internal const string RecordTypeAnnotation = "Kyodo:AuditRecordType";
    internal const string NotAuditedAnnotation = "Kyodo:NotAudited";
    internal const string PartOfAnnotation = "Kyodo:AuditPartOf";
    internal const string MunicipalityAnnotation = "Kyodo:AuditMunicipality";

    /// <summary>
    /// Maps the audit_entries table and so turns the audit trail on: from then on every save
    /// of this context writes who changed which record, when and how (<see cref="AuditInterceptor"/>).
    /// Call from OnModelCreating of a service that accepts writes.
    /// </summary>
    public static ModelBuilder AddAuditTrail(this ModelBuilder model)
    {
        model.Entity<AuditRecord>(e =>
        {
            e.ToTable("audit_entries");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(a => a.OccurredAt).HasColumnName("occurred_at");
            e.Property(a => a.RecordType).HasColumnName("record_type").HasMaxLength(100);
            e.Property(a => a.RecordId).HasColumnName("record_id").HasMaxLength(200);
            e.Property(a => a.RecordMunicipalityCode).HasColumnName("record_municipality_code").HasMaxLength(5);
            e.Property(a => a.Action).HasColumnName("action").HasMaxLength(20);
            e.Property(a => a.ActorSubject).HasColumnName("actor_subject").HasMaxLength(200);
            e.Property(a => a.ActorMunicipalityCode).HasColumnName("actor_municipality_code").HasMaxLength(5);
            e.Property(a => a.ActorDepartments).HasColumnName("actor_departments")
                .Metadata.SetValueComparer(WriteOnceArrayComparer.For<Guid>());
            e.Property(a => a.ActorRoles).HasColumnName("actor_roles")
                .Metadata.SetValueComparer(WriteOnceArrayComparer.For<string>());
            e.Property(a => a.Address).HasColumnName("address").HasMaxLength(100);
            e.Property(a => a.PeerAddress).HasColumnName("peer_address").HasMaxLength(100);
            e.Property(a => a.Changes).HasColumnName("changes").HasColumnType("jsonb");
            e.Ignore(a => a.IsNote);
            // A record's trail, newest first, is the only way it is read.
            e.HasIndex(a => new { a.RecordType, a.RecordId, a.Id }).HasDatabaseName("ix_audit_entries_record");
        });
        return model;
    }

    /// <summary>Names the record kind in the audit trail and GetAuditTrail (default: the class name in snake_case).</summary>
    public static EntityTypeBuilder<T> AuditedAs<T>(this EntityTypeBuilder<T> entity, string recordType) where T : class =>
        entity.HasAnnotation(RecordTypeAnnotation, recordType);

    /// <summary>
    /// Rows that are themselves a journal of another record (written with it, never changed by
    /// a caller) or bookkeeping: the record's own audit entry already says what changed.
    /// </summary>
    public static EntityTypeBuilder<T> NotAudited<T>(this EntityTypeBuilder<T> entity) where T : class =>
        entity.HasAnnotation(NotAuditedAnnotation, true);

    /// <summary>
    /// Names the property that holds the record's municipality code when it is not called
    /// MunicipalityCode (a municipality's own Code). Without either, the municipality is the parent's.
    /// </summary>
    public static EntityTypeBuilder<T> AuditMunicipalityFrom<T>(this EntityTypeBuilder<T> entity, Expression<Func<T, object?>> property)
        where T : class => entity.HasAnnotation(MunicipalityAnnotation, MemberName(property));

    /// <summary>
    /// Audits these rows as part of the record their foreign key points at (a budget line's
    /// stages), not as records of their own. Owned types and rows whose composite key starts with
    /// their parent's id are parts of that parent without saying so.
    /// </summary>
    public static EntityTypeBuilder<T> AuditedAsPartOf<T>(this EntityTypeBuilder<T> entity, Expression<Func<T, object?>> foreignKey)
        where T : class
    {
        return entity.HasAnnotation(PartOfAnnotation, MemberName(foreignKey));
    }

    private static string MemberName<T>(Expression<Func<T, object?>> property)
    {
        var body = property.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : property.Body;
        return (body as MemberExpression)?.Member.Name
            ?? throw new ArgumentException("Name one property, e.g. r => r.LineId.", nameof(property));
    }
}
