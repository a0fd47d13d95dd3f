namespace Kyodo.Plan.Domain;

/// <summary>
/// A department's priority goal (重点目標) for one fiscal year, with its numbered concrete
/// items (具体的な重点取組項目), each with a deadline or numeric target and, after the year,
/// its achievement status (達成状況).
/// </summary>
public sealed class PriorityGoal
{
    public Guid Id { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    public Guid DepartmentId { get; private set; }
    public int FiscalYear { get; private set; }
    public int Position { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public List<PriorityGoalItem> Items { get; private set; } = [];
    public int Revision { get; private set; }
    public long Version { get; private set; }

    private PriorityGoal() { }

    public PriorityGoal(Guid id, string municipalityCode)
    {
        Id = id;
        MunicipalityCode = municipalityCode;
    }

    public void Change(Guid departmentId, int fiscalYear, int position, string title, string description,
        IReadOnlyList<(string Number, string Text, string Target, string Achievement)> items)
    {
        DepartmentId = departmentId;
        FiscalYear = fiscalYear;
        Position = position;
        Title = title;
        Description = description;
        Items.SyncTo(
            items.Select((item, index) => new PriorityGoalItem(Id, index + 1, item.Number, item.Text, item.Target, item.Achievement)),
            i => i.Position, (kept, wanted) => kept.Rewrite(wanted.Number, wanted.Text, wanted.Target, wanted.Achievement));
        Revision++;
    }
}

/// <summary>A numbered concrete item of a priority goal.</summary>
public sealed class PriorityGoalItem
{
    public Guid GoalId { get; private set; }
    public int Position { get; private set; }
    /// <summary>As printed: "1", "(1)", "①".</summary>
    public string Number { get; private set; } = "";
    public string Text { get; private set; } = "";
    /// <summary>Deadline or numeric target as written: "年度末まで", "2団体以上".</summary>
    public string Target { get; private set; } = "";
    /// <summary>Achievement status after the year, as written.</summary>
    public string Achievement { get; private set; } = "";

    private PriorityGoalItem() { }

    public PriorityGoalItem(Guid goalId, int position, string number, string text, string target, string achievement)
    {
        GoalId = goalId;
        Position = position;
        Number = number;
        Text = text;
        Target = target;
        Achievement = achievement;
    }

    public void Rewrite(string number, string text, string target, string achievement)
    {
        Number = number;
        Text = text;
        Target = target;
        Achievement = achievement;
    }
}
