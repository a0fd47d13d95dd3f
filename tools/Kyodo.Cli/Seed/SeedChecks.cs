namespace Kyodo.Cli.Seed;

/// <summary>
/// What one file alone cannot tell: ids unique across the dataset, references to items of this
/// file or an earlier one of the same municipality (files import in name order), a subsidy
/// program's budget line naming a year its item's sheet gives, and names the services keep unique.
/// Each problem is reported at the line of the entry that breaks the rule (the second of two).
/// </summary>
internal static class SeedChecks
{
    /// <summary>
    /// Checks <paramref name="documents"/> together; returns the references to items none of them
    /// defines, for <see cref="Import.HeldItems"/> to look for among what the services hold.
    /// </summary>
    public static List<ItemReference> Across(IReadOnlyList<SeedDocument> documents, SeedProblems problems)
    {
        var ids = new Dictionary<string, (string File, int Line)>();
        var items = new Dictionary<string, (SeedDocument Document, SeedItem Item)>();
        var sheetYears = new HashSet<(string Item, int FiscalYear)>();
        var planNames = new Dictionary<(string, string), int>();
        var programNames = new Dictionary<(string, string), int>();
        var goals = new Dictionary<(string, string, int, int), (string File, int Line)>();
        var elsewhere = new List<ItemReference>();
        foreach (var document in documents)
        {
            void Unique(string id, int line)
            {
                if (id.Length == 0) return;
                if (ids.TryGetValue(id, out var first))
                    problems.Add(document.File, line, 1, $"id '{id}' is used already ({first.File}:{first.Line})");
                else ids[id] = (document.File, line);
            }
            var municipality = document.Municipality.Code;
            foreach (var plan in document.Plans)
            {
                Unique(plan.Id, plan.Line);
                if (!planNames.TryAdd((municipality, plan.Name), plan.Line))
                    problems.Add(document.File, plan.Line, 1, $"plan '{plan.Name}' of {municipality} is given twice");
                foreach (var item in plan.Items)
                {
                    Unique(item.Id, item.Line);
                    items.TryAdd(item.Id, (document, item));
                }
            }
            foreach (var sheet in document.BudgetSheets)
            {
                if (!items.ContainsKey(sheet.Item)) elsewhere.Add(new ItemReference(document, sheet.Item, sheet.Line, null));
                else CheckMunicipality(sheet.Item, sheet.Line, document, items, problems);
                foreach (var year in sheet.Years)
                    if (!sheetYears.Add((sheet.Item, year.FiscalYear)))
                        problems.Add(document.File, year.Line, 1,
                            $"the budget of item '{sheet.Item}' in FY{year.FiscalYear} is given twice");
            }
            foreach (var goal in document.PriorityGoals)
                if (goals.TryGetValue((municipality, goal.Department, goal.FiscalYear, goal.Position), out var first))
                    problems.Add(document.File, goal.Line, 1, $"priority goal {goal.Position} of {goal.Department} FY{goal.FiscalYear} is "
                        + $"given already ({first.File}:{first.Line})");
                else goals[(municipality, goal.Department, goal.FiscalYear, goal.Position)] = (document.File, goal.Line);
            foreach (var program in document.SubsidyPrograms)
            {
                Unique(program.Id, program.Line);
                if (!programNames.TryAdd((municipality, program.Name), program.Line))
                    problems.Add(document.File, program.Line, 1, $"subsidy program '{program.Name}' of {municipality} is given twice");
                foreach (var line in program.BudgetLines)
                {
                    var sheetGivesYear = sheetYears.Contains((line.Item, line.FiscalYear));
                    if (!items.ContainsKey(line.Item))
                        // Defined by no file of this import: the services may hold the item and, unless a sheet here gives the year, its
                        // line.
                        elsewhere.Add(new ItemReference(document, line.Item, line.Line, sheetGivesYear ? null : line.FiscalYear));
                    else if (CheckMunicipality(line.Item, line.Line, document, items, problems) && !sheetGivesYear)
                        problems.Add(document.File, line.Line, 1,
                            $"item '{line.Item}' has no budget for FY{line.FiscalYear} (no budget_sheets year) for the program to spend");
                }
            }
        }
        return elsewhere;
    }

    private static bool CheckMunicipality(string id, int line, SeedDocument document,
        Dictionary<string, (SeedDocument Document, SeedItem Item)> items, SeedProblems problems)
    {
        var found = items[id];
        if (found.Document.Municipality.Code == document.Municipality.Code) return true;
        problems.Add(document.File, line, 1,
            $"item '{id}' belongs to municipality {found.Document.Municipality.Code}, not {document.Municipality.Code}");
        return false;
    }
}

/// <summary>
/// A reference (budget sheet or program budget line, at <paramref name="Line"/>) to an item no
/// file of the import defines. <paramref name="BudgetYear"/>: the fiscal year whose budget line the
/// program spends, when no sheet of the import gives it (the services must hold that line).
/// </summary>
internal sealed record ItemReference(SeedDocument Document, string Id, int Line, int? BudgetYear);
