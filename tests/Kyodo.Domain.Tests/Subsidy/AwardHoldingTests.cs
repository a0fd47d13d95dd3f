using Kyodo.Subsidy.Domain;

namespace Kyodo.Domain.Tests.Subsidy;

// Which applications hold an award: awarded (交付決定), reported (実績報告) and settled (確定), the
// statuses after a decision to fund (DOMAIN.md, Subsidy → Application). What "once per group per
// course" and "2件(3)" count.
public sealed class AwardHoldingTests
{
    [Fact]
    public void TheStatusesThatHoldAnAwardAreAwardedReportedAndSettled() =>
        Assert.Equal(
            new HashSet<ApplicationStatus> { ApplicationStatus.Awarded, ApplicationStatus.Reported, ApplicationStatus.Settled },
            Application.AwardHoldingStatuses.ToHashSet());

    [Fact]
    public void NoStatusBeforeOrInsteadOfADecisionToFundHoldsAnAward()
    {
        Assert.DoesNotContain(ApplicationStatus.Submitted, Application.AwardHoldingStatuses);
        Assert.DoesNotContain(ApplicationStatus.UnderReview, Application.AwardHoldingStatuses);
        Assert.DoesNotContain(ApplicationStatus.Rejected, Application.AwardHoldingStatuses);
        Assert.DoesNotContain(ApplicationStatus.Withdrawn, Application.AwardHoldingStatuses);
    }

    [Fact]
    public void ChangingTheListOneCallerWasGivenChangesNobodyElses()
    {
        var mine = Application.AwardHoldingStatuses;
        mine[0] = ApplicationStatus.Rejected;
        Assert.Contains(ApplicationStatus.Awarded, Application.AwardHoldingStatuses);
    }

    [Fact]
    public void ASubmittedApplicationHoldsNoAward() =>
        Assert.False(Komoro.ApplicationTo(Komoro.Challenge(), 100_000).HoldsAward);

    [Fact]
    public void AnApplicationUnderReviewHoldsNoAward() =>
        Assert.False(Komoro.UnderReview(Komoro.Challenge(), 100_000).HoldsAward);

    [Fact]
    public void ARejectedApplicationHoldsNoAward()
    {
        var application = Komoro.UnderReview(Komoro.Challenge(), 100_000);
        application.Reject("reviewer", Komoro.Now, "対象外");
        Assert.False(application.HoldsAward);
    }

    [Fact]
    public void AWithdrawnApplicationHoldsNoAward()
    {
        var application = Komoro.ApplicationTo(Komoro.Challenge(), 100_000);
        application.Withdraw("applicant-clerk", Komoro.Now, "コロナ禍により中止");
        Assert.False(application.HoldsAward);
    }

    [Fact]
    public void AnAwardedApplicationHoldsItsAward() =>
        Assert.True(Komoro.Awarded(Komoro.Challenge(), 200_000, 200_000).HoldsAward);

    [Fact]
    public void AnApplicationWhoseResultsAreReportedStillHoldsItsAward()
    {
        var application = Komoro.Awarded(Komoro.Challenge(), 200_000, 200_000);
        application.ReportResults("applicant-clerk", Komoro.Now, "");
        Assert.True(application.HoldsAward);
    }

    [Fact]
    public void ASettledApplicationStillHoldsItsAwardEvenSettledBelowIt()
    {
        var application = Komoro.Awarded(Komoro.Challenge(), 200_000, 200_000);
        application.ReportResults("applicant-clerk", Komoro.Now, "");
        application.Settle(133_000, "reviewer", Komoro.Now, "");
        Assert.True(application.HoldsAward);
    }
}
