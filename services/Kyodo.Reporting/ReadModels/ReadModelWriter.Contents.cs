using Kyodo.Contracts.Plan;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Reporting.ReadModels;

/// <summary>
/// A goal's items, written whenever its row takes a newer state: the old rows are deleted (one
/// round trip, none for a record new to the read model) and the event's added
/// (<see cref="RecordContents"/>), so they always are the state the row's revision describes. (An
/// item's and a program's are written with them: <see cref="ItemStatements"/>, <see cref="RecordStatements"/>.)
/// The rebuild builds its events in the order the services publish them, so both paths write the same rows.
/// </summary>
public sealed partial class ReadModelWriter
{
    private async Task ReplaceGoalItemsAsync(string municipality, PriorityGoalChanged goal, bool replacing, CancellationToken ct)
    {
        var id = goal.GoalId;
        if (replacing)
            await db.Database.ExecuteSqlAsync(
                $"DELETE FROM priority_goal_items WHERE municipality_code = {municipality} AND goal_id = {id}", ct);
        db.PriorityGoalItems.AddRange(RecordContents.GoalItems(municipality, goal));
    }
}
