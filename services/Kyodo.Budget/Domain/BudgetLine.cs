namespace Kyodo.Budget.Domain;

/// <summary>One program (a plan item) in one fiscal year, with its cost by funding source.</summary>
public sealed class BudgetLine
{
    public Guid Id { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    /// <summary>The plan service's item id.</summary>
    public string ItemId { get; private set; } = "";
    public int FiscalYear { get; private set; }
    public Funding Funding { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>Optimistic-concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    private BudgetLine() { }

    public BudgetLine(Guid id, string municipalityCode, string itemId, int fiscalYear, Funding funding, DateTimeOffset createdAt)
    {
        Id = id;
        MunicipalityCode = municipalityCode;
        ItemId = itemId;
        FiscalYear = fiscalYear;
        Funding = funding;
        CreatedAt = createdAt;
    }
}
