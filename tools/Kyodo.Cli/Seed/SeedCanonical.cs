using System.Text.Json.Nodes;

namespace Kyodo.Cli.Seed;

/// <summary>
/// The data of seed documents with presentation left out, to tell whether two say the same:
/// amounts in yen not as printed, fiscal years as Gregorian years, schedule cells as their
/// stages, text without surrounding whitespace, item references as "plan name #n" instead of
/// ids, and nothing the services do not keep (source, printed references, comments). Results are
/// compared row by row as printed: each course's figures with whether applications were printed,
/// the split of awards and the note, and the totals rows' notes (their figures are the sums of
/// the course rows, which reading the file checks, so they carry nothing of their own).
/// </summary>
internal static class SeedCanonical
{
    /// <summary>Every item's id → "plan name #n" (its place in document order), across documents.</summary>
    public static Dictionary<string, string> ItemKeys(IEnumerable<SeedDocument> documents) =>
        documents.SelectMany(
            d => d.Plans.SelectMany(p => p.Items.Select((item, i) => (item.Id, Key: $"{d.Municipality.Code}/{p.Name} #{i + 1}"))))
            .GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.First().Key);

    public static JsonObject Plan(SeedPlan plan) => new()
    {
        ["name"] = T(plan.Name),
        ["start"] = plan.StartFiscalYear,
        ["end"] = plan.EndFiscalYear,
        ["nodes"] = Array(plan.Nodes.Select(Node)),
        ["items"] = Array(plan.Items.Select(Item)),
    };

    private static JsonObject Node(SeedNode node) => new()
    {
        ["level"] = T(node.Level), ["code"] = T(node.Code), ["title"] = T(node.Title), ["children"] = Array(node.Children.Select(Node)),
    };

    private static JsonObject Item(SeedItem item) => new()
    {
        ["title"] = T(item.Title),
        ["novelty"] = item.Novelty,
        ["departments"] = Strings(item.Departments),
        ["implementing_bodies"] = Strings(item.ImplementingBodies),
        ["target_stakeholders"] = Strings(item.TargetStakeholders),
        ["target_other"] = T(item.TargetOther),
        ["purpose"] = T(item.Purpose),
        ["current_state"] = T(item.CurrentState),
        ["content"] = T(item.Content),
        ["completion_criterion"] = T(item.CompletionCriterion),
        ["expected_effects"] = T(item.ExpectedEffects),
        ["rank"] = item.Rank is { } r ? $"{r.Rank}/{r.Of}" : "",
        ["mayoral_pledge"] = item.MayoralPledge,
        ["linked_plans"] = Strings(item.LinkedPlans),
        ["yearly_goals"] = Array(item.YearlyGoals.OrderBy(g => g.FiscalYear)
            .Select(g => new JsonObject { ["fiscal_year"] = g.FiscalYear, ["text"] = T(g.Text) })),
        ["special_notes"] = T(item.SpecialNotes),
        ["placements"] = Array(item.Placements.Select(p => new JsonObject { ["node_path"] = Strings(p.NodePath), ["code"] = T(p.Code) })),
        ["schedule"] = Array(item.Schedule.Select(row => new JsonObject
        {
            ["label"] = T(row.Label),
            // An empty cell plans nothing: whether it is written makes no difference.
            ["cells"] = Array(row.Cells.Select(c => (c.FiscalYear, Stages: Stages(c.Text))).Where(c => c.Stages.Count > 0)
                .OrderBy(c => c.FiscalYear)
                .Select(c => new JsonObject { ["fiscal_year"] = c.FiscalYear, ["stages"] = Strings(c.Stages) })),
        })),
        ["indicators"] = Array(item.Indicators.Select(Indicator)),
    };

    /// <summary>A schedule cell's stages, split as the plan service splits them.</summary>
    public static List<string> Stages(string cell) =>
        cell.Split(['・', '･', '、', '，', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Trim('\u3000')).Where(w => w.Length > 0).ToList();

    private static JsonObject Indicator(SeedIndicator indicator) => new()
    {
        ["kind"] = indicator.Kind,
        ["name"] = T(indicator.Name),
        ["unit"] = T(indicator.Unit),
        ["direction"] = indicator.Direction,
        ["baseline"] = indicator.Baseline is { } b ? $"{b.FiscalYear}:{b.Value.Normalize()}" : "",
        ["targets"] = Strings(indicator.Targets.OrderBy(t => t.FiscalYear).Select(t => $"{t.FiscalYear}:{t.Value.Normalize()}")),
        ["actuals"] =
            Strings(indicator.Actuals.OrderBy(a => a.FiscalYear).Select(a => $"{a.FiscalYear}:{a.Value.Normalize()}:{a.Note.Trim()}")),
        ["revisions"] = Strings(
            indicator.Revisions.Select(r => $"{r.FiscalYear}:{r.PreviousValue?.Normalize()}→{r.Value.Normalize()}:{r.Reason.Trim()}")),
    };

    /// <summary>Budget sheets flattened to one entry per item, year and stage (how they are grouped into sheets is presentation).</summary>
    public static JsonArray Sheets(IEnumerable<SeedBudgetSheet> sheets, IReadOnlyDictionary<string, string> itemKeys) =>
        Array(sheets.SelectMany(s => s.Years.Select(y => (Key: itemKeys.GetValueOrDefault(s.Item, s.Item), Sheet: s, Year: y)))
            .OrderBy(x => x.Key, StringComparer.Ordinal).ThenBy(x => x.Year.FiscalYear)
            .Select(x => new JsonObject
            {
                ["item"] = x.Key,
                ["fiscal_year"] = x.Year.FiscalYear,
                ["account"] = string.Join(" / ",
                    new[] { x.Sheet.Account.Account, x.Sheet.Account.Section, x.Sheet.Account.Item, x.Sheet.Account.Subitem }
                    .Select(l => $"{l.Number.Trim()} {l.Name.Trim()}")),
                ["stage"] = x.Sheet.Stage + (x.Sheet.SupplementaryNumber > 0 ? $" {x.Sheet.SupplementaryNumber}" : ""),
                ["yen"] = $"{x.Year.Cost.Yen} = {x.Year.NationalPrefectural.Yen} + {x.Year.LocalBond.Yen} + {x.Year.Other.Yen} + "
                    + $"{x.Year.GeneralRevenue.Yen}",
            }));

    public static JsonArray Goals(IEnumerable<SeedPriorityGoal> goals) =>
        Array(goals.OrderBy(g => g.Department, StringComparer.Ordinal).ThenBy(g => g.FiscalYear).ThenBy(g => g.Position)
            .Select(g => new JsonObject
            {
                ["department"] = T(g.Department),
                ["fiscal_year"] = g.FiscalYear,
                ["position"] = g.Position,
                ["title"] = T(g.Title),
                ["description"] = T(g.Description),
                ["items"] = Array(g.Items.Select(i => new JsonObject
                {
                    ["number"] = T(i.Number), ["text"] = T(i.Text), ["target"] = T(i.Target), ["achievement"] = T(i.Achievement),
                })),
            }));

    public static JsonObject Program(SeedProgram program, IReadOnlyDictionary<string, string> itemKeys) => new()
    {
        ["name"] = T(program.Name),
        ["description"] = T(program.Description),
        ["budget_lines"] = Strings(
            program.BudgetLines.OrderBy(l => l.FiscalYear).Select(l => $"{l.FiscalYear}:{itemKeys.GetValueOrDefault(l.Item, l.Item)}")),
        ["courses"] = Array(program.Courses.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new JsonObject
        {
            ["name"] = T(c.Name), ["cap"] = c.Cap?.Yen, ["once_per_applicant"] = c.OncePerApplicant, ["rounds_per_year"] = c.RoundsPerYear,
            ["accepts_new_projects"] = c.AcceptsNewProjects, ["accepts_continuing_projects"] = c.AcceptsContinuingProjects,
            ["eligibility_notes"] = T(c.EligibilityNotes),
        })),
        ["results"] = Strings(CourseResults(program).OrderBy(r => r.FiscalYear).ThenBy(r => r.Course, StringComparer.Ordinal)
            .Select(r => $"FY{r.FiscalYear} {r.Course}: {r.Awards} of {r.Applications?.ToString() ?? "(not printed)"}"
                + $"{(r.AwardsContinuing is null ? "" : $" ({r.AwardsContinuing} continuing, {r.AwardsNew} new)")}, {r.AwardedYen} yen, "
                    + $"note '{r.Note}'")
            .Concat(YearNotes(program).OrderBy(n => n.FiscalYear).Select(n => $"FY{n.FiscalYear} totals: note '{n.Note}'"))),
    };

    /// <summary>
    /// The per-course rows of a program's results, as ImportProgram records them: a row without a
    /// course belongs to the only course, or is a totals row (see <see cref="YearNotes"/>) when there are several.
    /// </summary>
    public static IEnumerable<(int FiscalYear, string Course, int Awards, int? Applications, int? AwardsContinuing, int? AwardsNew,
        long AwardedYen, string Note, int Line)> CourseResults(SeedProgram program) =>
        program.Results
            .Select(r => (Result: r, Course: r.Course.Length > 0 ? r.Course : program.Courses.Count == 1 ? program.Courses[0].Name : ""))
            .Where(r => r.Course.Length > 0)
            .Select(r => (r.Result.FiscalYear, r.Course, r.Result.Awards ?? 0, r.Result.Applications, r.Result.AwardsContinuing,
                r.Result.AwardsNew, r.Result.AwardedAmount?.Yen ?? 0, r.Result.Note.Trim(), r.Result.Line));

    /// <summary>The notes of a program's totals rows (rows without a course in a program of several courses).</summary>
    public static IEnumerable<(int FiscalYear, string Note, int Line)> YearNotes(SeedProgram program) =>
        program.Courses.Count == 1 ? []
            : program.Results.Where(r => r.Course.Length == 0 && r.Note.Trim().Length > 0)
                .Select(r => (r.FiscalYear, r.Note.Trim(), r.Line));

    /// <summary>The paths where two canonical forms differ (empty when they say the same), at most <paramref name="max"/>.</summary>
    public static List<string> Differences(JsonNode? expected, JsonNode? actual, string path = "", int max = 10)
    {
        var found = new List<string>();
        Compare(expected, actual, path, found, max);
        return found;
    }

    private static void Compare(JsonNode? a, JsonNode? b, string path, List<string> found, int max)
    {
        if (found.Count >= max || JsonNode.DeepEquals(a, b)) return;
        switch (a, b)
        {
            case (JsonObject x, JsonObject y):
                foreach (var key in x.Select(p => p.Key).Union(y.Select(p => p.Key))) Compare(x[key], y[key], $"{path}.{key}", found, max);
                return;
            case (JsonArray x, JsonArray y) when x.Count == y.Count:
                for (var i = 0; i < x.Count; i++) Compare(x[i], y[i], $"{path}[{i}]", found, max);
                return;
            case (JsonArray x, JsonArray y):
                found.Add($"{path}: {x.Count} entries in the file, {y.Count} held");
                return;
            default:
                found.Add($"{path}: file {Short(a)}, held {Short(b)}");
                return;
        }
    }

    private static string Short(JsonNode? node)
    {
        var text = node?.ToJsonString(new System.Text.Json.JsonSerializerOptions
        { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "(none)";
        return text.Length > 80 ? text[..77] + "…" : text;
    }

    private static string T(string text) => text.Trim();
    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v.Trim())).ToArray());
    private static JsonArray Array(IEnumerable<JsonNode> nodes) => new(nodes.ToArray());
}

internal static class DecimalText
{
    /// <summary>"300.0" and "300" are one value: the shortest invariant text.</summary>
    public static string Normalize(this decimal value) =>
        (value / 1.0000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
