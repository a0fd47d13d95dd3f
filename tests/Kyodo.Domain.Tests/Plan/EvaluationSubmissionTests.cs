using Kyodo.Plan.Domain;

namespace Kyodo.Domain.Tests.Plan;

// An evaluation sheet rates 必要性・有効性・効率性 and states 今後の方向性 (DOMAIN.md, Evaluation): a draft
// may leave them empty, a submission may not.
public sealed class EvaluationSubmissionTests
{
    private static readonly DateTimeOffset Now = new(2020, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private static Evaluation Of(EvaluationContent content) =>
        new(Guid.NewGuid(), "20208", Guid.NewGuid(), Guid.NewGuid(), null, 2019, Guid.NewGuid(), content, "planning-clerk", Now);

    private static readonly EvaluationContent Complete = new("A", "市民の要望が多い", "B", "", "A", "", "継続", "");

    [Fact]
    public void ADraftMayLeaveEveryRatingAndTheDirectionEmpty() =>
        Assert.Equal(ReviewStatus.Draft, Of(EvaluationContent.Empty).Review.Status);

    [Fact]
    public void AnEvaluationWithEveryRatingAndADirectionIsSubmitted()
    {
        var evaluation = Of(Complete);
        evaluation.Submit("planning-clerk", Now);
        Assert.Equal(ReviewStatus.Submitted, evaluation.Review.Status);
    }

    [Fact]
    public void AnEmptyEvaluationIsNotSubmittedAndNamesEveryMissingField()
    {
        var evaluation = Of(EvaluationContent.Empty);
        var refusal = Refusals.Rule(() => evaluation.Submit("planning-clerk", Now));
        Assert.Equal("EVALUATION_INCOMPLETE", refusal.Reason);
        Assert.Equal("necessity,effectiveness,efficiency,direction", refusal.Metadata["missing"]);
        Assert.Equal(ReviewStatus.Draft, evaluation.Review.Status);
    }

    [Fact]
    public void AnEvaluationWithoutADirectionIsNotSubmitted() =>
        Assert.Equal("direction",
            Refusals.Rule(() => Of(Complete with { Direction = "" }).Submit("planning-clerk", Now)).Metadata["missing"]);

    [Fact]
    public void ReasonsMayBeLeftEmptyInASubmission()
    {
        var evaluation = Of(Complete with { NecessityReason = "" });
        evaluation.Submit("planning-clerk", Now);
        Assert.Equal(ReviewStatus.Submitted, evaluation.Review.Status);
    }
}
