using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Budget.Domain;

/// <summary>The yen one person-year of staff costs a municipality in a fiscal year (人件費単価), as it sets it.</summary>
public sealed class StaffUnitCost
{
    public Guid Id { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    public int FiscalYear { get; private set; }
    public long YenPerPersonYear { get; private set; }
    public string SetBy { get; private set; } = "";
    public DateTimeOffset SetAt { get; private set; }
    public int Revision { get; private set; }

    private StaffUnitCost() { }

    public StaffUnitCost(Guid id, string municipalityCode, int fiscalYear)
    {
        Id = id;
        MunicipalityCode = municipalityCode;
        FiscalYear = fiscalYear;
    }

    public void Set(long yenPerPersonYear, string by, DateTimeOffset at)
    {
        if (yenPerPersonYear < 0) throw new ArgumentOutOfRangeException(nameof(yenPerPersonYear));
        YenPerPersonYear = yenPerPersonYear;
        (SetBy, SetAt) = (by, at);
        Revision++;
    }
}

/// <summary>The staff time (人工) an item takes in a fiscal year, in person-years with at most two decimals.</summary>
public sealed class StaffTime
{
    public const decimal Most = 9999.99m;

    public Guid Id { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    public Guid ItemId { get; private set; }
    public int FiscalYear { get; private set; }
    public decimal PersonYears { get; private set; }
    /// <summary>The item's lead department when last set (for lists; ownership asks the item's lead now).</summary>
    public Guid? DepartmentId { get; private set; }
    public string SetBy { get; private set; } = "";
    public DateTimeOffset SetAt { get; private set; }
    public int Revision { get; private set; }

    private StaffTime() { }

    public StaffTime(Guid id, string municipalityCode, Guid itemId, int fiscalYear)
    {
        Id = id;
        MunicipalityCode = municipalityCode;
        ItemId = itemId;
        FiscalYear = fiscalYear;
    }

    public void Set(decimal personYears, Guid? departmentId, string by, DateTimeOffset at)
    {
        if (personYears < 0 || personYears > Most || decimal.Round(personYears, 2) != personYears)
            throw new DomainRuleException("BAD_PERSON_YEARS", BudgetErrors.BadPersonYears(personYears, Most));
        PersonYears = personYears;
        DepartmentId = departmentId;
        (SetBy, SetAt) = (by, at);
        Revision++;
    }
}
