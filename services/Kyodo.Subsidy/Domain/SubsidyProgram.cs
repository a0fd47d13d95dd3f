using Kyodo.ServiceDefaults.Errors;

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
    /// <summary>What imports kept of printed results rows beyond their recorded applications.</summary>
    public List<PrintedResult> PrintedResults { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public int Revision { get; private set; }
    /// <summary>Optimistic-concurrency token: counts this record's own changes (ServiceDefaults RowVersions), 1 on creation.</summary>
    public long Version { get; private set; }

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

    /// <summary>Names the budget line spent in <paramref name="fiscalYear"/>, replacing an earlier choice: a new revision.</summary>
    public void SpendFrom(int fiscalYear, Guid budgetLineId)
    {
        LinkBudgetLine(fiscalYear, budgetLineId);
        Revision++;
    }

    /// <summary>
    /// As <see cref="SpendFrom"/> without a revision of its own, for a change made of several
    /// steps (an import), which ends with one <see cref="Revise"/>. False when linked so already.
    /// </summary>
    public bool LinkBudgetLine(int fiscalYear, Guid budgetLineId)
    {
        var link = BudgetLines.Find(l => l.FiscalYear == fiscalYear);
        if (link?.BudgetLineId == budgetLineId) return false;
        if (link is not null) link.Repoint(budgetLineId);
        else BudgetLines.Add(new ProgramBudgetLine(Id, fiscalYear, budgetLineId));
        return true;
    }

    /// <summary>One new revision for a change made of several steps (an import): its events carry it.</summary>
    public void Revise() => Revision++;

    public Guid? BudgetLineFor(int fiscalYear) => BudgetLines.Find(l => l.FiscalYear == fiscalYear)?.BudgetLineId;

    /// <summary>
    /// The line an award of <paramref name="fiscalYear"/> reserves in: NO_BUDGET_LINE when the program
    /// names none for that year.
    /// </summary>
    public Guid BudgetLineToAwardFrom(int fiscalYear) =>
        BudgetLineFor(fiscalYear) ?? throw new DomainRuleException("NO_BUDGET_LINE", SubsidyErrors.NoBudgetLine(Name, fiscalYear));

    /// <summary>
    /// Keeps how a results row was printed (course "" = the year's totals row); false when it was
    /// kept so already. A corrected note replaces the earlier one: it is the document's wording,
    /// not history. Part of an import: the import makes the one revision (<see cref="Revise"/>).
    /// </summary>
    public bool KeepPrinted(int fiscalYear, string course, bool applicationsPrinted, string note)
    {
        var held = PrintedResults.Find(r => r.FiscalYear == fiscalYear && r.Course == course);
        if (held is not null && held.ApplicationsPrinted == applicationsPrinted && held.Note == note) return false;
        if (held is null) PrintedResults.Add(new PrintedResult(Id, fiscalYear, course, applicationsPrinted, note));
        else held.Reword(applicationsPrinted, note);
        return true;
    }
}

/// <summary>
/// One results row of a document as an import kept it, besides the applications it recorded:
/// whether it printed its applications (申請数) and its note (e.g. seed 001's "* (申請数) コロナ禍により…").
/// </summary>
public sealed class PrintedResult
{
    public Guid ProgramId { get; private set; }
    public int FiscalYear { get; private set; }
    /// <summary>The course's name; "" for the program's totals row of the year.</summary>
    public string Course { get; private set; } = "";
    public bool ApplicationsPrinted { get; private set; }
    public string Note { get; private set; } = "";

    private PrintedResult() { }

    public PrintedResult(Guid programId, int fiscalYear, string course, bool applicationsPrinted, string note)
    {
        ProgramId = programId;
        FiscalYear = fiscalYear;
        Course = course;
        Reword(applicationsPrinted, note);
    }

    public void Reword(bool applicationsPrinted, string note)
    {
        ApplicationsPrinted = applicationsPrinted;
        Note = note;
    }
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
