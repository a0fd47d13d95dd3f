namespace Kyodo.Plan.Domain;

/// <summary>
/// One cell of an item's schedule (年次計画 / 実施内容): in one fiscal year, on one row, the
/// stages planned. Rows exist because some documents plan several activities per item.
/// </summary>
public sealed class ScheduleCell
{
    public Guid ItemId { get; private set; }
    /// <summary>Row order from 1.</summary>
    public int Row { get; private set; }
    /// <summary>What the row is about (実施内容 "・研修等の啓発活動"); empty for a single-row schedule.</summary>
    public string RowLabel { get; private set; } = "";
    public int FiscalYear { get; private set; }
    /// <summary>Stage words in order, as <see cref="ScheduleStages.Parse"/> read them.</summary>
    public List<string> Stages { get; private set; } = [];

    private ScheduleCell() { }

    public ScheduleCell(Guid itemId, int row, string rowLabel, int fiscalYear, IReadOnlyList<string> stages)
    {
        ItemId = itemId;
        Row = row;
        RowLabel = rowLabel;
        FiscalYear = fiscalYear;
        Stages = [.. stages];
    }

    public void Change(string rowLabel, IReadOnlyList<string> stages)
    {
        RowLabel = rowLabel;
        Stages = [.. stages];
    }
}
