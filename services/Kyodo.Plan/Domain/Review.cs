using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.Plan.Domain;

public enum ReviewStatus
{
    Draft = 1,     // 作成中
    Submitted = 2, // 提出済（承認待ち）
    Approved = 3,  // 承認済
    Returned = 4,  // 差戻し
}

/// <summary>
/// The four-eyes cycle evaluations and indicator actuals go through: a draft is written and
/// submitted by its authors, then approved or returned (with a comment) by an admin who is not
/// one of them; a returned record is changed and submitted again, an approved one is final.
/// Who did each step and when is kept; the authors are everyone who wrote or submitted it.
/// </summary>
public sealed class Review
{
    public ReviewStatus Status { get; private set; } = ReviewStatus.Draft;
    /// <summary>Everyone who wrote or submitted the record since it was last approved, one per line: none of them may approve it.</summary>
    public string AuthorList { get; private set; } = "";

    public IReadOnlyList<string> Authors => AuthorList.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    public string SubmittedBy { get; private set; } = "";
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string ReviewedBy { get; private set; } = "";
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string Comment { get; private set; } = "";

    /// <summary>A change of content by <paramref name="by"/>: allowed in a draft or a returned record.</summary>
    public void Write(string by, string what)
    {
        if (Status == ReviewStatus.Submitted)
            throw new DomainRuleException("REVIEW_PENDING", PlanErrors.ReviewPending(what),
                new Dictionary<string, string> { ["status"] = "SUBMITTED" });
        if (Status == ReviewStatus.Approved)
            throw new DomainRuleException("REVIEW_APPROVED", PlanErrors.ReviewApproved(what),
                new Dictionary<string, string> { ["status"] = "APPROVED" });
        AddAuthor(by);
    }

    /// <summary>Starts a new cycle after an approval (a corrected value): a fresh draft by <paramref name="by"/>.</summary>
    public void Reopen(string by)
    {
        Status = ReviewStatus.Draft;
        AuthorList = by;
        (SubmittedBy, SubmittedAt, ReviewedBy, ReviewedAt, Comment) = ("", null, "", null, "");
    }

    public void Submit(string by, DateTimeOffset at, string what)
    {
        if (Status is not (ReviewStatus.Draft or ReviewStatus.Returned))
            throw new DomainRuleException("REVIEW_NOT_OPEN", PlanErrors.ReviewNotOpen(what, Name(Status)),
                new Dictionary<string, string> { ["status"] = Name(Status) });
        AddAuthor(by);
        Status = ReviewStatus.Submitted;
        (SubmittedBy, SubmittedAt) = (by, at);
    }

    /// <summary>Approves a submitted record: never by one of its authors (PERMISSION_DENIED).</summary>
    public void Approve(string by, DateTimeOffset at, string comment, string what)
    {
        EnsureReviewable(by, "approve", what);
        Status = ReviewStatus.Approved;
        (ReviewedBy, ReviewedAt, Comment) = (by, at, comment);
    }

    /// <summary>Returns a submitted record with what to change: never by one of its authors.</summary>
    public void Return(string by, DateTimeOffset at, string comment, string what)
    {
        EnsureReviewable(by, "return", what);
        Status = ReviewStatus.Returned;
        (ReviewedBy, ReviewedAt, Comment) = (by, at, comment);
    }

    private void EnsureReviewable(string by, string action, string what)
    {
        if (Status != ReviewStatus.Submitted)
            throw new DomainRuleException("REVIEW_NOT_SUBMITTED", PlanErrors.ReviewNotSubmitted(what, action == "approve", Name(Status)),
                new Dictionary<string, string> { ["status"] = Name(Status) });
        if (Authors.Contains(by))
            throw new PermissionDeniedException(PlanErrors.OwnReview(by, what, action == "approve"));
    }

    private void AddAuthor(string by)
    {
        if (!Authors.Contains(by)) AuthorList = AuthorList.Length == 0 ? by : $"{AuthorList}\n{by}";
    }

    public static string Name(ReviewStatus status) => status.ToString().ToUpperInvariant();
}
