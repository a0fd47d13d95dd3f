using Microsoft.EntityFrameworkCore;

namespace Kyodo.ServiceDefaults.Idempotency;

public static class IdempotencyModel
{
    /// <summary>Maps <see cref="IdempotencyRecord"/> to idempotency_records (needed by
    /// <see cref="RequestIdExtensions.AddKyodoRequestIds{TContext}"/>).</summary>
    public static ModelBuilder AddIdempotencyRecords(this ModelBuilder model)
    {
        model.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("idempotency_records");
            // One key per municipality: another municipality's use of a key neither blocks nor reveals it.
            e.HasKey(r => new { r.MunicipalityCode, r.Key });
            e.Property(r => r.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(5).IsFixedLength();
            e.Property(r => r.Key).HasColumnName("key").HasMaxLength(200);
            e.Property(r => r.Operation).HasColumnName("operation").HasMaxLength(50);
            e.Property(r => r.RequestHash).HasColumnName("request_hash");
            e.Property(r => r.Response).HasColumnName("response");
            e.Property(r => r.CreatedAt).HasColumnName("created_at");
        });
        return model;
    }
}
