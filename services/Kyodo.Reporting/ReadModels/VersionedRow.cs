namespace Kyodo.Reporting.ReadModels;

/// <summary>
/// A read-model row built from events that carry the whole state of their record and a
/// revision. The row keeps the highest revision it has seen, so duplicates and events that
/// arrive out of order end in the state the ordered stream gives.
/// </summary>
public abstract class VersionedRow
{
    public string MunicipalityCode { get; set; } = "";
    public int Revision { get; set; }
    /// <summary>A tombstone: the record was deleted (kept so an older event cannot revive it).</summary>
    public bool Deleted { get; set; }
    /// <summary>Occurred-at time of the event the row now reflects: reports state their freshness from it.</summary>
    public DateTimeOffset AsOf { get; set; }
    /// <summary>Optimistic-concurrency token (xmin): two events for one record racing end in a retry, not a lost update.</summary>
    public uint Version { get; set; }
}
