using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kyodo.Reporting.Gaps;

/// <summary>
/// How far reporting has checked one publisher's outbox (decision 039). Restored with the read
/// models it describes: a reporting database restored from an older backup checks again from there.
/// </summary>
public sealed class PublisherWatermark
{
    /// <summary>"plan", "budget" or "subsidy".</summary>
    public string Publisher { get; set; } = "";

    /// <summary>Every outbox row up to here is accounted for: held, repaired, not reporting's, or never committed.</summary>
    public long CheckedThrough { get; set; }

    /// <summary>Every row up to here that will ever exist exists now (a horizon that passed).</summary>
    public long SettledThrough { get; set; }

    /// <summary>A horizon waiting to pass: the highest sequence committed when it was read, and the first transaction id not yet started
    /// then.</summary>
    public long? HorizonSequence { get; set; }
    public long? HorizonXid { get; set; }

    /// <summary>The publisher's pruned sequences up to here that were never checked have been reported (decision 052): once, by
    /// whichever instance found them, not again after a restart.</summary>
    public long UncheckedThrough { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class PublisherWatermarkConfiguration : IEntityTypeConfiguration<PublisherWatermark>
{
    public void Configure(EntityTypeBuilder<PublisherWatermark> e)
    {
        e.ToTable("publisher_watermarks");
        e.HasKey(w => w.Publisher);
        e.Property(w => w.Publisher).HasColumnName("publisher").HasMaxLength(40);
        e.Property(w => w.CheckedThrough).HasColumnName("checked_through");
        e.Property(w => w.SettledThrough).HasColumnName("settled_through");
        e.Property(w => w.HorizonSequence).HasColumnName("horizon_sequence");
        e.Property(w => w.HorizonXid).HasColumnName("horizon_xid");
        e.Property(w => w.UncheckedThrough).HasColumnName("unchecked_through");
        e.Property(w => w.UpdatedAt).HasColumnName("updated_at");
    }
}
