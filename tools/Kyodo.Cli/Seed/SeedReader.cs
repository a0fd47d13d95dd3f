using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kyodo.Cli.Seed;

/// <summary>
/// Reads seed files strictly (data/seed/README.md and schema/kyodo-seed.schema.json): every
/// field checked, unknown fields refused, every problem reported with its file and line, and a
/// document returned only when its file has none. Checks across a document (placements naming
/// nodes, cost = sum of sources, revisions matching targets …) are <see cref="SeedChecks"/>.
/// </summary>
internal static class SeedReader
{
    public static readonly Dictionary<string, string> Novelties = new() { ["new"] = "new", ["continuing"] = "continuing" };
    public static readonly Dictionary<string, string> Stakeholders = new[]
        { "citizens", "local_community", "civic_groups", "businesses", "education", "government", "other" }.ToDictionary(s => s);
    public static readonly Dictionary<string, string> Pledges = new[] { "none", "partly", "yes" }.ToDictionary(s => s);
    public static readonly Dictionary<string, string> IndicatorKinds = new[] { "activity", "outcome" }.ToDictionary(s => s);
    public static readonly Dictionary<string, string> Directions = new[] { "higher_is_better", "lower_is_better" }.ToDictionary(s => s);
    public static readonly Dictionary<string, string> BudgetStages = new[] { "initial", "supplementary", "settled" }.ToDictionary(s => s);

    /// <summary>The .yaml/.yml files of a path (a file, or a folder's files in name order, which is import order).</summary>
    public static IReadOnlyList<string> FilesOf(string path)
    {
        if (File.Exists(path)) return [path];
        if (Directory.Exists(path))
            return Directory.EnumerateFiles(path)
                .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).ToList();
        throw new UsageException($"no file or folder '{path}'");
    }

    public static SeedDocument? Read(string path, string displayName, SeedProblems problems)
    {
        YamlStream stream = new();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            problems.Add(displayName, (int)e.Start.Line, (int)e.Start.Column, $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
            return null;
        }
        if (stream.Documents.Count != 1)
        {
            problems.Add(displayName, 1, 1, $"must hold exactly one YAML document, not {stream.Documents.Count}");
            return null;
        }
        var before = problems.All.Count;
        // data/seed/README.md: no anchors or aliases, so every value stands on its own line (and
        // an error names it) and an export writes the file back the same way.
        foreach (var node in stream.Documents[0].AllNodes.Where(n => !n.Anchor.IsEmpty).DistinctBy(n => n.Anchor))
            problems.Add(displayName, (int)node.Start.Line, (int)node.Start.Column,
                $"anchor &{node.Anchor} (and its aliases): seed files write every value out");
        var root = new YamlField(stream.Documents[0].RootNode, displayName, "", problems);
        var document = ReadDocument(root, displayName);
        return problems.All.Count == before ? document : null;
    }

    private static SeedDocument ReadDocument(YamlField root, string file)
    {
        if (!root.Mapping("format", "source", "municipality", "plans", "budget_sheets", "priority_goals", "subsidy_programs"))
            root.Problem("the document must be a mapping");
        if (root["format"].Text(required: true) is var format && format.Length > 0 && format != SeedDocument.Format)
            root["format"].Problem($"must be '{SeedDocument.Format}', not '{format}'");

        var source = root["source"];
        if (!source.Exists) source.Problem("is required");
        source.Mapping("file", "title", "issued_by", "date", "notes");
        var municipality = root["municipality"];
        if (!municipality.Exists) municipality.Problem("is required");
        municipality.Mapping("code", "name");
        var code = municipality["code"].Text(required: true);
        if (code.Length > 0 && (code.Length != 5 || !code.All(char.IsAsciiDigit)))
            municipality["code"].Problem($"'{code}' must be a 5-digit local-government code");

        if (!new[] { "plans", "budget_sheets", "priority_goals", "subsidy_programs" }.Any(k => root[k].Exists))
            root.Problem("needs at least one of plans, budget_sheets, priority_goals, subsidy_programs");

        return new SeedDocument(file,
            new SeedSource(source["file"].Text(required: true), source["title"].Text(required: true), source["issued_by"].Text(),
                source["date"].Text(), source["notes"].Text()),
            new SeedMunicipality(code, municipality["name"].Text(required: true)),
            root["plans"].Items().Select(ReadPlan).ToList(),
            root["budget_sheets"].Items().Select(ReadBudgetSheet).ToList(),
            root["priority_goals"].Items().Select(ReadPriorityGoal).ToList(),
            root["subsidy_programs"].Items().Select(ReadProgram).ToList());
    }

    private static string Id(YamlField field)
    {
        var id = field.Text(required: true);
        if (id.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9-]{0,79}$"))
            field.Problem($"'{id}' must be a lower-case slug (a-z, 0-9, -)");
        return id;
    }

    private static string Limited(YamlField field, int max, bool required = false)
    {
        var text = field.Text(required);
        if (text.Length > max) field.Problem($"is {text.Length} characters long; at most {max}");
        return text;
    }

    private static SeedPlan ReadPlan(YamlField plan)
    {
        plan.Mapping("id", "name", "period", "nodes", "items");
        var period = plan["period"];
        if (!period.Exists) period.Problem("is required");
        period.Mapping("start", "end");
        var start = period["start"].FiscalYear(required: true) ?? 0;
        var end = period["end"].FiscalYear(required: true) ?? 0;
        if (start > end && end > 0) period["end"].Problem($"FY{end} is before the start FY{start}");
        var nodes = ReadNodes(plan["nodes"], required: true);
        var paths = new HashSet<string>();
        void Collect(IEnumerable<SeedNode> level, string prefix)
        {
            foreach (var node in level)
            {
                paths.Add(prefix + node.Code.Trim());
                Collect(node.Children, prefix + node.Code.Trim() + "\u001f");
            }
        }
        Collect(nodes, "");
        var context = new PlanContext(paths, start, end);
        return new SeedPlan(Id(plan["id"]), Limited(plan["name"], 200, required: true), start, end, nodes,
            plan["items"].Items(required: true).Select(i => ReadItem(i, context)).ToList(), plan.Line);
    }

    private sealed record PlanContext(HashSet<string> NodePaths, int Start, int End);

    /// <summary>Siblings in order; a printed code may appear once among them (the paths of placements rely on it).</summary>
    private static List<SeedNode> ReadNodes(YamlField list, bool required = false)
    {
        var seen = new HashSet<string>();
        var nodes = new List<SeedNode>();
        foreach (var node in list.Items(required))
        {
            node.Mapping("level", "code", "title", "children");
            var code = Limited(node["code"], 50, required: true);
            if (code.Length > 0 && !seen.Add(code.Trim())) node["code"].Problem($"'{code}' is printed twice under the same parent");
            nodes.Add(
                new SeedNode(Limited(node["level"], 50, required: true), code, Limited(node["title"], 2000), ReadNodes(node["children"])));
        }
        return nodes;
    }

    private static SeedItem ReadItem(YamlField item, PlanContext plan)
    {
        item.Mapping("id", "title", "novelty", "departments", "implementing_bodies", "target_stakeholders", "target_other", "purpose",
            "current_state", "content", "completion_criterion", "expected_effects", "rank", "mayoral_pledge", "linked_plans",
            "yearly_goals", "special_notes", "placements", "schedule", "indicators");
        var rank = item["rank"];
        SeedRank? seedRank = null;
        if (rank.Mapping("rank", "of"))
            seedRank = new SeedRank(rank["rank"].Int(required: true, min: 1) ?? 1, rank["of"].Int(required: true, min: 1) ?? 1);
        var stakeholders = item["target_stakeholders"].Items().Select(s => s.OneOf(Stakeholders, required: true) ?? "").ToList();
        var targetOther = item["target_other"].Text();
        if (targetOther.Length > 0 && !stakeholders.Contains("other")) item["target_other"].Problem("needs 'other' in target_stakeholders");
        var departments = item["departments"].TextList();
        if (departments.Distinct().Count() != departments.Count) item["departments"].Problem("names a department twice");
        return new SeedItem(
            Id(item["id"]), Limited(item["title"], 500, required: true), item["novelty"].OneOf(Novelties) ?? "",
            departments, item["implementing_bodies"].TextList(), stakeholders, targetOther,
            Limited(item["purpose"], 20000), Limited(item["current_state"], 20000), Limited(item["content"], 20000),
            Limited(item["completion_criterion"], 20000), Limited(item["expected_effects"], 20000), seedRank,
            item["mayoral_pledge"].OneOf(Pledges) ?? "", item["linked_plans"].TextList(),
            item["yearly_goals"].Items().Select(g =>
            {
                g.Mapping("fiscal_year", "text");
                return new SeedYearText(g["fiscal_year"].FiscalYear(required: true) ?? 0, Limited(g["text"], 20000, required: true));
            }).ToList(),
            Limited(item["special_notes"], 20000),
            item["placements"].Items(required: true).Select(p =>
            {
                p.Mapping("node_path", "code", "printed_reference");
                var path = p["node_path"].TextList(required: true);
                if (path.Count > 0 && !plan.NodePaths.Contains(string.Join("\u001f", path.Select(c => c.Trim()))))
                    p["node_path"].Problem($"no node {string.Join(" › ", path)} in this plan");
                return new SeedPlacement(path, Limited(p["code"], 50), p["printed_reference"].Text());
            }).ToList(),
            item["schedule"].Items().Select(row =>
            {
                row.Mapping("label", "cells");
                return new SeedScheduleRow(Limited(row["label"], 500), row["cells"].Items(required: true).Select(cell =>
                {
                    cell.Mapping("fiscal_year", "text");
                    if (!cell["text"].Exists && cell["text"].Scalar is null && !HasKey(cell, "text"))
                        cell["text"].Problem("is required (\"\" for an empty cell)");
                    var year = cell["fiscal_year"].FiscalYear(required: true);
                    if (year is { } y && plan.Start > 0 && plan.End > 0 && (y < plan.Start || y > plan.End))
                        cell["fiscal_year"].Problem($"FY{y} lies outside the plan's period FY{plan.Start}–FY{plan.End}");
                    return new SeedCell(year ?? 0, Limited(cell["text"], 200));
                }).ToList());
            }).ToList(),
            item["indicators"].Items().Select(ReadIndicator).ToList(), item.Line);
    }

    private static bool HasKey(YamlField field, string key) => field.Keys.Contains(key);

    private static SeedIndicator ReadIndicator(YamlField indicator)
    {
        indicator.Mapping("kind", "name", "unit", "direction", "baseline", "targets", "actuals", "revisions");
        var baseline = indicator["baseline"];
        SeedBaseline? seedBaseline = null;
        if (baseline.Mapping("fiscal_year", "value"))
            seedBaseline = new SeedBaseline(baseline["fiscal_year"].FiscalYear(), Value(baseline["value"], required: true) ?? 0);
        var targets = indicator["targets"].Items().Select(t =>
        {
            t.Mapping("fiscal_year", "value");
            return new SeedYearValue(t["fiscal_year"].FiscalYear(required: true) ?? 0, Value(t["value"], required: true) ?? 0);
        }).ToList();
        if (targets.Select(t => t.FiscalYear).Distinct().Count() != targets.Count)
            indicator["targets"].Problem("gives a fiscal year twice");
        var revisionFields = indicator["revisions"].Items();
        var lastRevisions = revisionFields.Select(
            (f, i) => (Field: f, Index: i, Year: f["fiscal_year"].Scalar is null ? null : f["fiscal_year"].FiscalYear()))
            .Where(r => r.Year is not null).GroupBy(r => r.Year).Select(g => g.Last());
        foreach (var last in lastRevisions)
        {
            var value = Value(last.Field["value"]);
            var target = targets.Find(t => t.FiscalYear == last.Year);
            if (value is not null && target?.Value != value)
                last.Field["value"].Problem($"the last revision of FY{last.Year} sets {value}, but targets give "
                    + $"{(target is null ? "none" : target.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
        }
        return new SeedIndicator(indicator["kind"].OneOf(IndicatorKinds, required: true) ?? "",
            Limited(indicator["name"], 300, required: true),
            Limited(indicator["unit"], 50), indicator["direction"].OneOf(Directions, required: true) ?? "", seedBaseline,
            targets,
            indicator["actuals"].Items().Select(a =>
            {
                a.Mapping("fiscal_year", "value", "note");
                return new SeedActual(a["fiscal_year"].FiscalYear(required: true) ?? 0, Value(a["value"], required: true) ?? 0,
                    Limited(a["note"], 2000));
            }).ToList(),
            revisionFields.Select(r =>
            {
                r.Mapping("fiscal_year", "previous_value", "value", "reason");
                return new SeedRevision(r["fiscal_year"].FiscalYear(required: true) ?? 0, Value(r["previous_value"]),
                    Value(r["value"], required: true) ?? 0, Limited(r["reason"], 2000, required: true));
            }).ToList());
    }

    /// <summary>An indicator value: digits as printed ("2,094", "98.5") or a YAML number.</summary>
    public static decimal? Value(YamlField field, bool required = false)
    {
        var text = field.Decimal(required);
        return text is null ? null
            : decimal.Parse(Kyodo.Japanese.FullWidth.Fold(text).Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static SeedAmount? Amount(YamlField field, bool required = false)
    {
        var text = field.Scalar;
        var yen = field.Yen(required);
        return yen is null ? null : new SeedAmount(text!.Trim(), yen.Value);
    }

    private static SeedBudgetSheet ReadBudgetSheet(YamlField sheet)
    {
        sheet.Mapping("item", "account", "stage", "supplementary_number", "years");
        var account = sheet["account"];
        if (!account.Exists) account.Problem("is required");
        account.Mapping("as_printed", "account", "section", "item", "subitem");
        SeedAccountLevel Level(YamlField level)
        {
            if (!level.Exists) level.Problem("is required");
            level.Mapping("number", "name");
            return new SeedAccountLevel(Limited(level["number"], 20), Limited(level["name"], 100, required: true));
        }
        var stage = sheet["stage"].OneOf(BudgetStages, required: true) ?? "";
        var number = sheet["supplementary_number"].Int(min: 1);
        if (stage == "supplementary" && number is null) sheet["supplementary_number"].Problem("is required with stage supplementary");
        if (stage != "supplementary" && number is not null) sheet["supplementary_number"].Problem("is only given with stage supplementary");
        return new SeedBudgetSheet(Id(sheet["item"]),
            new SeedAccount(account["as_printed"].Text(), Level(account["account"]), Level(account["section"]), Level(account["item"]),
                Level(account["subitem"])),
            stage, number ?? 0,
            sheet["years"].Items(required: true).Select(y =>
            {
                y.Mapping("fiscal_year", "cost", "national_prefectural", "local_bond", "other", "general_revenue");
                var zero = new SeedAmount("0", 0);
                var amounts = new[] { "cost", "national_prefectural", "local_bond", "other", "general_revenue" }.Select(
                    k => Amount(y[k], true)).ToArray();
                var year = new SeedBudgetYear(y["fiscal_year"].FiscalYear(required: true) ?? 0, amounts[0] ?? zero, amounts[1] ?? zero,
                    amounts[2] ?? zero, amounts[3] ?? zero, amounts[4] ?? zero, y.Line);
                var sources = year.NationalPrefectural.Yen + year.LocalBond.Yen + year.Other.Yen + year.GeneralRevenue.Yen;
                // Only amounts that all read can be added up; a bad one is reported already.
                if (amounts.All(a => a is not null) && sources != year.Cost.Yen)
                    y["cost"].Problem($"cost {year.Cost.Yen:N0} yen is not the sum of its sources {sources:N0} yen (国・県 "
                        + $"{year.NationalPrefectural.Yen:N0} + 地方債 {year.LocalBond.Yen:N0} + その他 {year.Other.Yen:N0} + 一般財源 "
                        + $"{year.GeneralRevenue.Yen:N0}); differs by {year.Cost.Yen - sources:N0} yen");
                return year;
            }).ToList(), sheet["item"].Line);
    }

    private static SeedPriorityGoal ReadPriorityGoal(YamlField goal)
    {
        goal.Mapping("department", "fiscal_year", "position", "title", "description", "items");
        return new SeedPriorityGoal(Limited(goal["department"], 100, required: true), goal["fiscal_year"].FiscalYear(required: true) ?? 0,
            goal["position"].Int(required: true, min: 1) ?? 1, Limited(goal["title"], 2000, required: true),
            Limited(goal["description"], 20000), goal["items"].Items(required: true).Select(i =>
            {
                i.Mapping("number", "text", "target", "achievement");
                return new SeedGoalItem(Limited(i["number"], 20, required: true), Limited(i["text"], 20000, required: true),
                    Limited(i["target"], 2000), Limited(i["achievement"], 20000));
            }).ToList(), goal.Line);
    }

    private static SeedProgram ReadProgram(YamlField program)
    {
        program.Mapping("id", "name", "description", "budget_lines", "courses", "results");
        var lines = program["budget_lines"].Items().Select(l =>
        {
            l.Mapping("fiscal_year", "item");
            return new SeedProgramLine(l["fiscal_year"].FiscalYear(required: true) ?? 0, Id(l["item"]), l["item"].Line);
        }).ToList();
        if (lines.Select(l => l.FiscalYear).Distinct().Count() != lines.Count) program["budget_lines"].Problem("gives a fiscal year twice");
        var courses = program["courses"].Items(required: true).Select(c =>
        {
            c.Mapping("name", "cap", "once_per_applicant", "rounds_per_year", "accepts_new_projects", "accepts_continuing_projects",
                "eligibility_notes");
            var course = new SeedCourse(Limited(c["name"], 100, required: true), Amount(c["cap"]), c["once_per_applicant"].Bool() ?? false,
                c["rounds_per_year"].Int(min: 0, max: 12) ?? 0, c["accepts_new_projects"].Bool() ?? true,
                c["accepts_continuing_projects"].Bool() ?? true, Limited(c["eligibility_notes"], 2000));
            if (!course.AcceptsNewProjects && !course.AcceptsContinuingProjects)
                c["accepts_new_projects"].Problem("a course must accept new or continuing projects");
            return (Course: course, Field: c);
        }).ToList();
        if (courses.Select(c => c.Course.Name).Distinct().Count() != courses.Count) program["courses"].Problem("names a course twice");

        var results = program["results"].Items().Select(r =>
        {
            r.Mapping("fiscal_year", "course", "applications", "awards", "awards_new", "awards_continuing", "awarded_amount", "note");
            var result = new SeedResult(r["fiscal_year"].FiscalYear(required: true) ?? 0, r["course"].Text(), r["applications"].Int(min: 0),
                r["awards"].Int(min: 0), r["awards_new"].Int(min: 0), r["awards_continuing"].Int(min: 0), Amount(r["awarded_amount"]),
                Limited(r["note"], 2000), r.Line);
            CheckResult(result, r, courses.Select(c => c.Course).ToList());
            return (Result: result, Field: r);
        }).ToList();
        ResultTotals.Check(results, courses.Select(c => c.Course.Name).ToList());
        return new SeedProgram(Id(program["id"]), Limited(program["name"], 200, required: true), Limited(program["description"], 20000),
            lines, courses.Select(c => c.Course).ToList(), results.Select(r => r.Result).ToList(), program.Line);
    }

    /// <summary>
    /// A course's figures become recorded applications (ImportProgram): the course must exist and
    /// have a cap, and the amount split over the awards must fit under it.
    /// </summary>
    private static void CheckResult(SeedResult result, YamlField field, List<SeedCourse> courses)
    {
        if (result.Applications is { } applications && result.Awards is { } awards && applications < awards)
            field["applications"].Problem($"{applications} applications cannot give {awards} awards");
        // The split is kept as the recorded awards' project kinds: it must say how every award splits.
        if ((result.AwardsNew is null) != (result.AwardsContinuing is null))
            field[result.AwardsNew is null ? "awards_continuing" : "awards_new"].Problem(
                "give awards_new and awards_continuing together (the split of awards)");
        else if (result.AwardsNew is not null && result.Awards is null)
            field["awards_new"].Problem("a split of awards needs awards");
        else if (result.AwardsNew is not null && result.Awards is { } total && result.AwardsNew + result.AwardsContinuing != total)
            field["awards_new"].Problem(
                $"awards_new {result.AwardsNew} + awards_continuing {result.AwardsContinuing} is not awards {total}");
        // A row without a course is the program's total when it has several courses: checked against the course rows (ResultTotals).
        var name = result.Course.Length > 0 ? result.Course : courses.Count == 1 ? courses[0].Name : null;
        if (name is null) return;
        var course = courses.Find(c => c.Name == name);
        if (course is null)
        {
            field["course"].Problem(
                $"'{result.Course}' is not a course of this program (courses: {string.Join(", ", courses.Select(c => c.Name))})");
            return;
        }
        if (result.AwardsNew > 0 && !course.AcceptsNewProjects) field["awards_new"].Problem($"{course.Name} does not accept new projects");
        if (result.AwardsContinuing > 0 && !course.AcceptsContinuingProjects)
            field["awards_continuing"].Problem($"{course.Name} does not accept continuing projects");
        if ((result.Awards ?? 0) == 0)
        {
            if (result.AwardedAmount is { Yen: > 0 }) field["awarded_amount"].Problem("an amount needs at least one award (awards)");
            return;
        }
        // A course without a printed cap is imported with none (0): only its budget limits it.
        if (course.Cap is null) return;
        var each = ((result.AwardedAmount?.Yen ?? 0) + result.Awards!.Value - 1) / result.Awards.Value;
        if (each > course.Cap.Yen)
            field["awarded_amount"].Problem($"{result.AwardedAmount!.Yen:N0} yen over {result.Awards} awards is {each:N0} yen each, above "
                + $"the {course.Name} cap of {course.Cap.Yen:N0} yen");
    }

}
