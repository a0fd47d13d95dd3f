using System.Globalization;
using Kyodo.Cli.Seed;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kyodo.Cli.Export;

/// <summary>
/// Seed records → a kyodo-seed/1 YAML file: multi-line text as literal blocks, strings that YAML
/// would read as numbers quoted (fiscal years and codes stay strings, as the schema wants),
/// optional fields left out when empty.
/// </summary>
internal static class SeedWriter
{
    public static void Write(SeedDocument document, TextWriter output)
    {
        var root = new YamlMappingNode();
        root.Add("format", Text(SeedDocument.Format));
        var source = Map(("file", document.Source.File), ("title", document.Source.Title), ("issued_by", document.Source.IssuedBy),
            ("date", document.Source.Date), ("notes", document.Source.Notes));
        root.Add("source", source);
        root.Add("municipality", Map(("code", document.Municipality.Code), ("name", document.Municipality.Name)));
        if (document.Plans.Count > 0) root.Add("plans", new YamlSequenceNode(document.Plans.Select(Plan)));
        if (document.BudgetSheets.Count > 0) root.Add("budget_sheets", new YamlSequenceNode(document.BudgetSheets.Select(Sheet)));
        if (document.PriorityGoals.Count > 0) root.Add("priority_goals", new YamlSequenceNode(document.PriorityGoals.Select(Goal)));
        if (document.SubsidyPrograms.Count > 0)
            root.Add("subsidy_programs", new YamlSequenceNode(document.SubsidyPrograms.Select(Program)));
        output.WriteLine("# yaml-language-server: $schema=schema/kyodo-seed.schema.json");
        new YamlStream(new YamlDocument(root)).Save(output, assignAnchors: false);
    }

    private static YamlNode Plan(SeedPlan plan)
    {
        var map = Map(("id", plan.Id), ("name", plan.Name));
        map.Add("period", Map(("start", Year(plan.StartFiscalYear)), ("end", Year(plan.EndFiscalYear))));
        map.Add("nodes", new YamlSequenceNode(plan.Nodes.Select(Node)));
        map.Add("items", new YamlSequenceNode(plan.Items.Select(Item)));
        return map;
    }

    private static YamlNode Node(SeedNode node)
    {
        var map = Map(("level", node.Level), ("code", node.Code), ("title", node.Title));
        if (node.Children.Count > 0) map.Add("children", new YamlSequenceNode(node.Children.Select(Node)));
        return map;
    }

    private static YamlNode Item(SeedItem item)
    {
        var map = Map(("id", item.Id), ("title", item.Title), ("novelty", item.Novelty));
        List(map, "departments", item.Departments);
        List(map, "implementing_bodies", item.ImplementingBodies);
        List(map, "target_stakeholders", item.TargetStakeholders);
        Add(map, ("target_other", item.TargetOther), ("purpose", item.Purpose), ("current_state", item.CurrentState),
            ("content", item.Content), ("completion_criterion", item.CompletionCriterion), ("expected_effects", item.ExpectedEffects));
        if (item.Rank is { } rank) map.Add("rank", new YamlMappingNode { { "rank", Int(rank.Rank) }, { "of", Int(rank.Of) } });
        Add(map, ("mayoral_pledge", item.MayoralPledge));
        List(map, "linked_plans", item.LinkedPlans);
        if (item.YearlyGoals.Count > 0)
            map.Add("yearly_goals",
                new YamlSequenceNode(item.YearlyGoals.Select(g => Map(("fiscal_year", Year(g.FiscalYear)), ("text", g.Text)))));
        Add(map, ("special_notes", item.SpecialNotes));
        map.Add("placements", new YamlSequenceNode(item.Placements.Select(p =>
        {
            var placement = new YamlMappingNode { { "node_path", Flow(p.NodePath) } };
            Add(placement, ("code", p.Code), ("printed_reference", p.PrintedReference));
            return (YamlNode)placement;
        })));
        if (item.Schedule.Count > 0)
            map.Add("schedule", new YamlSequenceNode(item.Schedule.Select(row =>
            {
                var node = Map(("label", row.Label));
                node.Add("cells", new YamlSequenceNode(row.Cells.Select(c =>
                    (YamlNode)new YamlMappingNode { { "fiscal_year", Text(Year(c.FiscalYear)) }, { "text", Text(c.Text) } })));
                return (YamlNode)node;
            })));
        if (item.Indicators.Count > 0) map.Add("indicators", new YamlSequenceNode(item.Indicators.Select(Indicator)));
        return map;
    }

    private static YamlNode Indicator(SeedIndicator indicator)
    {
        var map = Map(("kind", indicator.Kind), ("name", indicator.Name), ("unit", indicator.Unit), ("direction", indicator.Direction));
        if (indicator.Baseline is { } baseline)
        {
            var node = Map(("fiscal_year", baseline.FiscalYear is { } y ? Year(y) : ""));
            node.Add("value", Text(Number(baseline.Value)));
            map.Add("baseline", node);
        }
        if (indicator.Targets.Count > 0)
            map.Add("targets",
                new YamlSequenceNode(indicator.Targets.Select(t => Map(("fiscal_year", Year(t.FiscalYear)), ("value", Number(t.Value))))));
        if (indicator.Actuals.Count > 0)
            map.Add("actuals", new YamlSequenceNode(indicator.Actuals.Select(a =>
                Map(("fiscal_year", Year(a.FiscalYear)), ("value", Number(a.Value)), ("note", a.Note)))));
        if (indicator.Revisions.Count > 0)
            map.Add("revisions", new YamlSequenceNode(indicator.Revisions.Select(r => Map(("fiscal_year", Year(r.FiscalYear)),
                ("previous_value", r.PreviousValue is { } p ? Number(p) : ""), ("value", Number(r.Value)), ("reason", r.Reason)))));
        return map;
    }

    private static YamlNode Sheet(SeedBudgetSheet sheet)
    {
        var map = Map(("item", sheet.Item));
        var account = Map(("as_printed", sheet.Account.AsPrinted));
        foreach (var (key, level) in new[] { ("account", sheet.Account.Account), ("section", sheet.Account.Section),
            ("item", sheet.Account.Item), ("subitem", sheet.Account.Subitem) })
            account.Add(key, Map(("number", level.Number), ("name", level.Name)));
        map.Add("account", account);
        Add(map, ("stage", sheet.Stage));
        if (sheet.SupplementaryNumber > 0) map.Add("supplementary_number", Int(sheet.SupplementaryNumber));
        map.Add("years", new YamlSequenceNode(sheet.Years.Select(y => Map(("fiscal_year", Year(y.FiscalYear)), ("cost", y.Cost.Printed),
            ("national_prefectural", y.NationalPrefectural.Printed), ("local_bond", y.LocalBond.Printed), ("other", y.Other.Printed),
            ("general_revenue", y.GeneralRevenue.Printed)))));
        return map;
    }

    private static YamlNode Goal(SeedPriorityGoal goal)
    {
        var map = Map(("department", goal.Department), ("fiscal_year", Year(goal.FiscalYear)));
        map.Add("position", Int(goal.Position));
        Add(map, ("title", goal.Title), ("description", goal.Description));
        map.Add("items", new YamlSequenceNode(goal.Items.Select(i =>
            Map(("number", i.Number), ("text", i.Text), ("target", i.Target), ("achievement", i.Achievement)))));
        return map;
    }

    private static YamlNode Program(SeedProgram program)
    {
        var map = Map(("id", program.Id), ("name", program.Name), ("description", program.Description));
        if (program.BudgetLines.Count > 0)
            map.Add("budget_lines",
                new YamlSequenceNode(program.BudgetLines.Select(l => Map(("fiscal_year", Year(l.FiscalYear)), ("item", l.Item)))));
        map.Add("courses", new YamlSequenceNode(program.Courses.Select(c =>
        {
            var course = Map(("name", c.Name), ("cap", c.Cap?.Printed ?? ""));
            course.Add("once_per_applicant", Bool(c.OncePerApplicant));
            course.Add("rounds_per_year", Int(c.RoundsPerYear));
            course.Add("accepts_new_projects", Bool(c.AcceptsNewProjects));
            course.Add("accepts_continuing_projects", Bool(c.AcceptsContinuingProjects));
            Add(course, ("eligibility_notes", c.EligibilityNotes));
            return (YamlNode)course;
        })));
        if (program.Results.Count > 0)
            map.Add("results", new YamlSequenceNode(program.Results.Select(r =>
            {
                var result = Map(("fiscal_year", Year(r.FiscalYear)), ("course", r.Course));
                if (r.Applications is { } applications) result.Add("applications", Int(applications));
                if (r.Awards is { } awards) result.Add("awards", Int(awards));
                if (r.AwardsContinuing is { } continuing) result.Add("awards_continuing", Int(continuing));
                if (r.AwardsNew is { } newProjects) result.Add("awards_new", Int(newProjects));
                Add(result, ("awarded_amount", r.AwardedAmount?.Printed ?? ""), ("note", r.Note));
                return (YamlNode)result;
            })));
        return map;
    }

    // ---- nodes

    private static string Year(int fiscalYear) => fiscalYear.ToString(CultureInfo.InvariantCulture);
    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static YamlMappingNode Map(params (string Key, string Value)[] fields)
    {
        var map = new YamlMappingNode();
        Add(map, fields);
        return map;
    }

    /// <summary>Adds the fields that have a value: an empty optional field is not printed.</summary>
    private static void Add(YamlMappingNode map, params (string Key, string Value)[] fields)
    {
        foreach (var (key, value) in fields)
            if (value.Length > 0) map.Add(key, Text(value));
    }

    private static void List(YamlMappingNode map, string key, IReadOnlyList<string> values)
    {
        if (values.Count > 0) map.Add(key, new YamlSequenceNode(values.Select(Text)));
    }

    private static YamlSequenceNode Flow(IEnumerable<string> values) =>
        new(values.Select(Text)) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow };

    private static YamlScalarNode Int(int value) => new(value.ToString(CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain };
    private static YamlScalarNode Bool(bool value) => new(value ? "true" : "false") { Style = ScalarStyle.Plain };

    private static YamlScalarNode Text(string value)
    {
        if (value.Contains('\n')) return new YamlScalarNode(value) { Style = ScalarStyle.Literal };
        // What YAML would read as another type (2019, true, null, ~) or would mangle stays a quoted string.
        var plainIsSafe = value.Length > 0 && !decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            && value is not ("true" or "false" or "null" or "~" or "yes" or "no") && value.Trim() == value;
        return new YamlScalarNode(value) { Style = plainIsSafe ? ScalarStyle.Any : ScalarStyle.DoubleQuoted };
    }
}
