namespace Kyodo.Plan.Domain;

/// <summary>
/// A named plan of one municipality with a period of fiscal years
/// (e.g. 山口市協働推進プラン FY2008–FY2012).
/// </summary>
public sealed class Plan
{
    public Guid Id { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int StartFiscalYear { get; private set; }
    public int EndFiscalYear { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>Counts changes (1 on creation), so event consumers keep the newest state whatever the order.</summary>
    public int Revision { get; private set; }

    /// <summary>Optimistic-concurrency token: counts this record's own changes (ServiceDefaults RowVersions), 1 on creation.</summary>
    public long Version { get; private set; }

    private Plan() { }

    public Plan(Guid id, string municipalityCode, string name, int startFiscalYear, int endFiscalYear, DateTimeOffset createdAt)
    {
        Id = id;
        MunicipalityCode = municipalityCode;
        CreatedAt = createdAt;
        Change(name, startFiscalYear, endFiscalYear);
    }

    public void Change(string name, int startFiscalYear, int endFiscalYear)
    {
        if (endFiscalYear < startFiscalYear)
            throw new ArgumentException("A plan's period cannot end before it starts.", nameof(endFiscalYear));
        Name = name;
        StartFiscalYear = startFiscalYear;
        EndFiscalYear = endFiscalYear;
        Revision++;
    }

    public bool Covers(int fiscalYear) => fiscalYear >= StartFiscalYear && fiscalYear <= EndFiscalYear;
}
