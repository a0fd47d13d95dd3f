using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Plan.Domain;

/// <summary>
/// The evaluation of one item (事務事業評価) or node (施策評価・政策評価) for one fiscal year:
/// the content its evaluating department writes, and its review (draft → submitted → approved
/// or returned). One per subject and year.
/// </summary>
public sealed class Evaluation
{
    public Guid Id { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    public Guid PlanId { get; private set; }
    public Guid? ItemId { get; private set; }
    public Guid? NodeId { get; private set; }
    public int FiscalYear { get; private set; }
    /// <summary>The evaluating department: an item's lead (re-stamped at each write), a node's as named.</summary>
    public Guid? EvaluatorDepartmentId { get; private set; }
    public EvaluationContent Content { get; private set; } = EvaluationContent.Empty;
    public Review Review { get; private set; } = new();
    public string EvaluatedBy { get; private set; } = "";
    public DateTimeOffset EvaluatedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>Counts changes (1 on creation): the revision its events carry.</summary>
    public int Revision { get; private set; }
    public long Version { get; private set; }

    private Evaluation() { }

    public Evaluation(Guid id, string municipalityCode, Guid planId, Guid? itemId, Guid? nodeId, int fiscalYear,
        Guid? evaluatorDepartmentId, EvaluationContent content, string by, DateTimeOffset at)
    {
        if ((itemId is null) == (nodeId is null)) throw new ArgumentException("An evaluation is of an item or of a node.");
        Id = id;
        MunicipalityCode = municipalityCode;
        PlanId = planId;
        ItemId = itemId;
        NodeId = nodeId;
        FiscalYear = fiscalYear;
        EvaluatorDepartmentId = evaluatorDepartmentId;
        CreatedAt = at;
        Rewrite(content, by, at);
    }

    public string What => ItemId is null ? "node evaluation" : "item evaluation";

    public void Rewrite(EvaluationContent content, string by, DateTimeOffset at)
    {
        Review.Write(by, What);
        Content = content;
        (EvaluatedBy, EvaluatedAt) = (by, at);
        Revision++;
    }

    /// <summary>An item's evaluator follows the item's lead department (an admin may have moved the item).</summary>
    public void FollowLead(Guid? leadDepartmentId) => EvaluatorDepartmentId = ItemId is null ? EvaluatorDepartmentId : leadDepartmentId;

    /// <summary>Submits the evaluation for approval: EVALUATION_INCOMPLETE while a rating or the direction is missing.</summary>
    public void Submit(string by, DateTimeOffset at)
    {
        if (Content.MissingForSubmission() is { Count: > 0 } missing)
            throw new DomainRuleException("EVALUATION_INCOMPLETE",
                PlanErrors.EvaluationIncomplete(missing),
                new Dictionary<string, string> { ["missing"] = string.Join(",", missing) });
        Review.Submit(by, at, What);
        Revision++;
    }

    public void Approve(string by, DateTimeOffset at, string comment)
    {
        Review.Approve(by, at, comment, What);
        Revision++;
    }

    public void Return(string by, DateTimeOffset at, string comment)
    {
        Review.Return(by, at, comment, What);
        Revision++;
    }

    /// <summary>Only a draft or returned evaluation may be deleted.</summary>
    public void EnsureDeletable()
    {
        if (Review.Status is ReviewStatus.Submitted or ReviewStatus.Approved)
            throw new Kyodo.ServiceDefaults.Errors.DomainRuleException("EVALUATION_NOT_DELETABLE",
                PlanErrors.EvaluationNotDeletable(What, Review.Name(Review.Status)),
                new Dictionary<string, string> { ["status"] = Review.Name(Review.Status) });
    }
}
