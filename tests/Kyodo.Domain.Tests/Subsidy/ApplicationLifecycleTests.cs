using Kyodo.Subsidy.Domain;

namespace Kyodo.Domain.Tests.Subsidy;

// submitted → under review → awarded or rejected; withdrawn before the decision; awarded → reported →
// settled at most the award; every step kept with who; an invalid step refused naming the state
// (DOMAIN.md, Subsidy → Application lifecycle).
public sealed class ApplicationLifecycleTests
{
    [Fact]
    public void AnApplicationTakenToSettlementKeepsEveryStepWithWhoTookIt()
    {
        var application = Komoro.Awarded(Komoro.StepUp(), requestedYen: 150_000, awardedYen: 150_000);
        application.ReportResults("group-leader", Komoro.Now, "実績報告書");
        application.Settle(102_000, "finance", Komoro.Now, "");

        Assert.Equal(ApplicationStatus.Settled, application.Status);
        Assert.Equal(
            [
                ApplicationStatus.Submitted, ApplicationStatus.UnderReview, ApplicationStatus.Awarded,
                ApplicationStatus.Reported, ApplicationStatus.Settled,
            ],
            application.Transitions.Select(t => t.To));
        Assert.Equal(["applicant-clerk", "reviewer", "reviewer", "group-leader", "finance"], application.Transitions.Select(t => t.By));
        Assert.Equal(102_000, application.SettledYen);
    }

    [Fact]
    public void AnApplicationNotYetReviewedCannotBeAwarded()
    {
        var application = Komoro.ApplicationTo(Komoro.Challenge(), 200_000);
        var refusal = Refusals.Rule(() => application.Award(200_000, Guid.NewGuid(), "reviewer", Komoro.Now, ""));
        Assert.Equal("INVALID_TRANSITION", refusal.Reason);
        Assert.Equal("Submitted", refusal.Metadata["current_status"]);
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Equal(0, application.AwardedYen);
    }

    [Fact]
    public void AnApplicantMayWithdrawWhileTheApplicationIsUnderReview()
    {
        var application = Komoro.UnderReview(Komoro.Challenge(), 200_000);
        application.Withdraw("applicant-clerk", Komoro.Now, "");
        Assert.Equal(ApplicationStatus.Withdrawn, application.Status);
    }

    [Fact]
    public void AnApplicantCannotWithdrawAfterTheDecisionToFund()
    {
        var application = Komoro.Awarded(Komoro.Challenge(), 200_000, 180_000);
        Assert.Equal("INVALID_TRANSITION", Refusals.Rule(() => application.Withdraw("applicant-clerk", Komoro.Now, "")).Reason);
        Assert.Equal(ApplicationStatus.Awarded, application.Status);
    }

    [Fact]
    public void OnlyAnApplicationUnderReviewCanBeRejected() =>
        Assert.Equal("INVALID_TRANSITION",
            Refusals.Rule(() => Komoro.ApplicationTo(Komoro.Challenge(), 200_000).Reject("reviewer", Komoro.Now, "")).Reason);

    [Fact]
    public void ResultsCannotBeReportedForAnApplicationThatWasNeverAwarded() =>
        Assert.Equal("INVALID_TRANSITION",
            Refusals.Rule(() => Komoro.ApplicationTo(Komoro.Challenge(), 200_000).ReportResults("group-leader", Komoro.Now, "")).Reason);

    [Fact]
    public void ASettlementBeforeTheResultsAreReportedIsRefused()
    {
        var application = Komoro.Awarded(Komoro.Challenge(), 200_000, 200_000);
        Assert.Equal("INVALID_TRANSITION", Refusals.Rule(() => application.Settle(100_000, "finance", Komoro.Now, "")).Reason);
    }

    [Fact]
    public void ASettlementAboveTheAwardIsRefusedNamingTheAward()
    {
        var application = Komoro.Awarded(Komoro.Challenge(), 200_000, 180_000);
        application.ReportResults("group-leader", Komoro.Now, "");
        var refusal = Refusals.Rule(() => application.Settle(180_001, "finance", Komoro.Now, ""));
        Assert.Equal("ABOVE_AWARD", refusal.Reason);
        Assert.Equal("180000", refusal.Metadata["awarded_yen"]);
        Assert.Equal(ApplicationStatus.Reported, application.Status);
    }

    [Fact]
    public void ASettlementOfTheWholeAwardIsAllowed()
    {
        var application = Komoro.Awarded(Komoro.Challenge(), 200_000, 180_000);
        application.ReportResults("group-leader", Komoro.Now, "");
        application.Settle(180_000, "finance", Komoro.Now, "");
        Assert.Equal(180_000, application.SettledYen);
    }
}
