namespace Kyodo.Cli.Seed;

/// <summary>
/// What one file alone cannot tell: ids unique across the dataset, references to items of this
/// file or an earlier one of the same municipality (files import in name order), a subsidy
/// program's budget line naming a year its item's sheet gives, and names the services keep unique.
/// </summary>
internal static class SeedChecks
{
    public static void Across(IReadOnlyList<SeedDocument> documents, SeedProblems problems)
    {
        var ids = new Dictionary<string, string>();
        var items = new Dictionary<string, (SeedDocument Document, SeedItem Item)>();
        var sheetYears = new HashSet<(string Item, int FiscalYear)>();
        var planNames = new HashSet<(string, string)>();
        var programNames = new HashSet<(string, string)>();
        var goals = new HashSet<(string, string, int, int)>();
        foreach (var document in documents)
        {
            void Unique(string id, int line)
            {
                if (id.Length == 0) return;
                if (ids.TryGetValue(id, out var first)) problems.Add(document.File, line, 1, $"id '{id}' is used already (in {first})");
                else ids[id] = document.File;
            }
            var municipality = document.Municipality.Code;
            foreach (var plan in document.Plans)
            {
                Unique(plan.Id, plan.Line);
                if (!planNames.Add((municipality, plan.Name)))
                    problems.Add(document.File, plan.Line, 1, $"plan '{plan.Name}' of {municipality} is given twice");
                foreach (var item in plan.Items)
                {
                    Unique(item.Id, plan.Line);
                    items.TryAdd(item.Id, (document, item));
                }
            }
            foreach (var sheet in document.BudgetSheets)
            {
                CheckItem(sheet.Item, sheet.Line, document, items, problems);
                foreach (var year in sheet.Years)
                    if (!sheetYears.Add((sheet.Item, year.FiscalYear)))
                        problems.Add(document.File, sheet.Line, 1, $"the budget of item '{sheet.Item}' in FY{year.FiscalYear} is given twice");
            }
            foreach (var goal in document.PriorityGoals)
                if (!goals.Add((municipality, goal.Department, goal.FiscalYear, goal.Position)))
                    problems.Add(document.File, 1, 1, $"priority goal {goal.Position} of {goal.Department} FY{goal.FiscalYear} is given twice");
            foreach (var program in document.SubsidyPrograms)
            {
                Unique(program.Id, program.Line);
                if (!programNames.Add((municipality, program.Name)))
                    problems.Add(document.File, program.Line, 1, $"subsidy program '{program.Name}' of {municipality} is given twice");
                foreach (var line in program.BudgetLines)
                    if (CheckItem(line.Item, line.Line, document, items, problems) && !sheetYears.Contains((line.Item, line.FiscalYear)))
                        problems.Add(document.File, line.Line, 1, $"item '{line.Item}' has no budget for FY{line.FiscalYear} (no budget_sheets year) for the program to spend");
            }
        }
    }

    private static bool CheckItem(string id, int line, SeedDocument document, Dictionary<string, (SeedDocument Document, SeedItem Item)> items,
        SeedProblems problems)
    {
        if (!items.TryGetValue(id, out var found))
        {
            problems.Add(document.File, line, 1, $"no item '{id}' in this file or an earlier one");
            return false;
        }
        if (found.Document.Municipality.Code != document.Municipality.Code)
        {
            problems.Add(document.File, line, 1, $"item '{id}' belongs to municipality {found.Document.Municipality.Code}, not {document.Municipality.Code}");
            return false;
        }
        return true;
    }
}
