using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Errors;
using Evaluation = Kyodo.Plan.Domain.Evaluation;
using EvaluationContent = Kyodo.Plan.Domain.EvaluationContent;
using EvaluationSettings = Kyodo.Plan.Domain.EvaluationSettings;
using PlanNode = Kyodo.Plan.Domain.PlanNode;

namespace Kyodo.Plan.Grpc;

/// <summary>Reads evaluation content and settings from requests, recording every bad field.</summary>
internal static class EvaluationInputs
{
    public static readonly IReadOnlyList<string> ContentFields =
        ["necessity", "necessity_reason", "effectiveness", "effectiveness_reason", "efficiency", "efficiency_reason", "direction",
            "direction_reason"];

    /// <summary>
    /// The content after applying <paramref name="paths"/> of <paramref name="input"/> to <paramref name="current"/>:
    /// grades must be on the municipality's scale (or empty), a direction at most 50 characters (any word, kept as written).
    /// </summary>
    public static Domain.EvaluationContent Apply(Domain.EvaluationContent current, V1.EvaluationContent? input, IReadOnlySet<string> paths,
        EvaluationSettings settings, RequestValidation v, string path)
    {
        input ??= new V1.EvaluationContent();
        string Take(string name, string given, string kept) => paths.Contains(name) ? given.Trim() : kept;
        var content = new Domain.EvaluationContent(
            Take("necessity", input.Necessity, current.Necessity), Take("necessity_reason", input.NecessityReason, current.NecessityReason),
            Take("effectiveness", input.Effectiveness, current.Effectiveness),
            Take("effectiveness_reason", input.EffectivenessReason, current.EffectivenessReason),
            Take("efficiency", input.Efficiency, current.Efficiency),
            Take("efficiency_reason", input.EfficiencyReason, current.EfficiencyReason),
            Take("direction", input.Direction, current.Direction),
            Take("direction_reason", input.DirectionReason, current.DirectionReason));
        var scale = string.Join(", ", settings.RatingScale);
        foreach (var (grade, name) in new[] { (content.Necessity, "necessity"), (content.Effectiveness, "effectiveness"),
            (content.Efficiency, "efficiency") })
            if (paths.Contains(name))
                v.Check(grade.Length == 0 || settings.IsGrade(grade), $"{path}.{name}", PlanErrors.NotAGrade(grade, scale));
        v.MaxLength(content.Direction, 50, $"{path}.direction");
        foreach (var (text, name) in new[]
                 {
                     (content.NecessityReason, "necessity_reason"), (content.EffectivenessReason, "effectiveness_reason"),
                     (content.EfficiencyReason, "efficiency_reason"), (content.DirectionReason, "direction_reason"),
                 })
            v.MaxLength(text, 20_000, $"{path}.{name}");
        return content;
    }

    /// <summary>Every content field the input gives a value (the implied mask of an update without one, and what a create sets).</summary>
    public static Func<string, bool> Given(V1.EvaluationContent? input) => name => input is not null && name switch
    {
        "necessity" => input.Necessity.Length > 0,
        "necessity_reason" => input.NecessityReason.Length > 0,
        "effectiveness" => input.Effectiveness.Length > 0,
        "effectiveness_reason" => input.EffectivenessReason.Length > 0,
        "efficiency" => input.Efficiency.Length > 0,
        "efficiency_reason" => input.EfficiencyReason.Length > 0,
        "direction" => input.Direction.Length > 0,
        "direction_reason" => input.DirectionReason.Length > 0,
        _ => false,
    };

    /// <summary>A list of words for the settings: each non-empty, at most <paramref name="max"/> characters, none twice, at least
    /// one.</summary>
    public static List<string> Words(IReadOnlyList<string> words, int max, RequestValidation v, string path)
    {
        var trimmed = words.Select(w => w.Trim()).ToList();
        v.Check(trimmed.Count > 0, path, PlanErrors.WordRequired);
        for (var i = 0; i < trimmed.Count; i++)
            v.Required(trimmed[i], $"{path}[{i}]").MaxLength(trimmed[i], max, $"{path}[{i}]");
        v.Check(trimmed.Distinct().Count() == trimmed.Count, path, PlanErrors.WordTwice);
        return trimmed;
    }
}
