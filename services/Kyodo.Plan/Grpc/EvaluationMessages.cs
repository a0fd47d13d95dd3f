using Google.Protobuf.WellKnownTypes;
using Kyodo.Contracts.Plan;
using Kyodo.Plan.Domain;

namespace Kyodo.Plan.Grpc;

/// <summary>Evaluations as response messages and as the snapshot their events carry.</summary>
internal static class EvaluationMessages
{
    public static V1.EvaluationSettings ToMessage(this EvaluationSettings settings)
    {
        var message = new V1.EvaluationSettings
        {
            MunicipalityCode = settings.MunicipalityCode, Version = settings.Version,
            Revision = settings.Revision
        };
        message.RatingScale.AddRange(settings.RatingScale);
        message.Directions.AddRange(settings.Directions);
        return message;
    }

    public static V1.EvaluationContent ToMessage(this Domain.EvaluationContent c) => new()
    {
        Necessity = c.Necessity, NecessityReason = c.NecessityReason,
        Effectiveness = c.Effectiveness, EffectivenessReason = c.EffectivenessReason,
        Efficiency = c.Efficiency, EfficiencyReason = c.EfficiencyReason,
        Direction = c.Direction, DirectionReason = c.DirectionReason,
    };

    public static V1.Evaluation ToMessage(this Evaluation e, string subjectTitle, Department? evaluator) => new()
    {
        Id = e.Id.ToString(),
        MunicipalityCode = e.MunicipalityCode,
        PlanId = e.PlanId.ToString(),
        ItemId = e.ItemId?.ToString() ?? "",
        NodeId = e.NodeId?.ToString() ?? "",
        FiscalYear = e.FiscalYear,
        SubjectTitle = subjectTitle,
        Content = e.Content.ToMessage(),
        EvaluatorDepartment = evaluator?.ToMessage(),
        EvaluatedBy = e.EvaluatedBy,
        EvaluatedAt = Timestamp.FromDateTimeOffset(e.EvaluatedAt),
        Review = e.Review.ToMessage(),
        Version = e.Version,
        Revision = e.Revision,
        CreatedAt = Timestamp.FromDateTimeOffset(e.CreatedAt),
    };

    public static V1.EvaluationLine Line(Evaluation? e, Guid? itemId, Guid? nodeId, string title, string reference)
    {
        var line = new V1.EvaluationLine
        {
            ItemId = itemId?.ToString() ?? "", NodeId = nodeId?.ToString() ?? "", Title = title,
            Reference = reference
        };
        if (e is null) return line;
        line.EvaluationId = e.Id.ToString();
        line.Status = (V1.ReviewStatus)e.Review.Status;
        (line.Necessity, line.Effectiveness, line.Efficiency, line.Direction) =
            (e.Content.Necessity, e.Content.Effectiveness, e.Content.Efficiency, e.Content.Direction);
        return line;
    }

    /// <summary>A node as printed: "施策 6-1 協働によるまちづくりを推進します".</summary>
    public static string Title(PlanNode node) => string.Join(" ", new[] { node.LevelName, node.Code, node.Title }.Where(p => p.Length > 0));

    public static EvaluationSnapshot Snapshot(this Evaluation e, Department? evaluator, int revision) => new(
        e.Id, e.PlanId, e.ItemId, e.NodeId, e.FiscalYear, e.EvaluatorDepartmentId, evaluator?.Name ?? "",
        e.Content.Necessity, e.Content.NecessityReason, e.Content.Effectiveness, e.Content.EffectivenessReason,
        e.Content.Efficiency, e.Content.EfficiencyReason, e.Content.Direction, e.Content.DirectionReason,
        e.Review.Status.ToString(), e.EvaluatedBy, e.EvaluatedAt, e.Review.SubmittedBy, e.Review.SubmittedAt,
        e.Review.ReviewedBy, e.Review.ReviewedAt, e.Review.Comment, revision);
}
