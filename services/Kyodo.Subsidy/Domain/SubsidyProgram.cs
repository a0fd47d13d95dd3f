namespace Kyodo.Subsidy.Domain;

/// <summary>
/// A grant program for citizen groups, e.g. 市民活動促進事業補助金 (小諸市), with its courses and
/// the budget line it spends in each fiscal year.
/// </summary>
public sealed class SubsidyProgram
{
    public Guid Id { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public List<Course> Courses { get; private set; } = [];
    public List<ProgramBudgetLine> BudgetLines { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public int Revision { get; private set; }
    /// <summary>Optimistic-concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    private SubsidyProgram() { }

    public SubsidyProgram(Guid id, string municipalityCode, string name, string description, DateTimeOffset createdAt)
    {
        Id = id;
        MunicipalityCode = municipalityCode;
        CreatedAt = createdAt;
        Describe(name, description);
    }

    public void Describe(string name, string description)
    {
        Name = name;
        Description = description;
        Revision++;
    }

    /// <summary>Names the budget line spent in <paramref name="fiscalYear"/>, replacing an earlier choice.</summary>
    public void SpendFrom(int fiscalYear, Guid budgetLineId)
    {
        if (BudgetLines.Find(l => l.FiscalYear == fiscalYear) is { } link) link.Repoint(budgetLineId);
        else BudgetLines.Add(new ProgramBudgetLine(Id, fiscalYear, budgetLineId));
        Revision++;
    }

    public Guid? BudgetLineFor(int fiscalYear) => BudgetLines.Find(l => l.FiscalYear == fiscalYear)?.BudgetLineId;
}

/// <summary>The budget line (in the budget service) a program spends in one fiscal year.</summary>
public sealed class ProgramBudgetLine
{
    public Guid ProgramId { get; private set; }
    public int FiscalYear { get; private set; }
    public Guid BudgetLineId { get; private set; }

    private ProgramBudgetLine() { }

    public ProgramBudgetLine(Guid programId, int fiscalYear, Guid budgetLineId)
    {
        ProgramId = programId;
        FiscalYear = fiscalYear;
        BudgetLineId = budgetLineId;
    }

    public void Repoint(Guid budgetLineId) => BudgetLineId = budgetLineId;
}
