using Kyodo.Subsidy.Domain;

namespace Kyodo.Domain.Tests.Subsidy;

// An award is at most the course's cap and at most what was asked (DOMAIN.md, Subsidy → Application;
// seed 001: チャレンジ 20万円, ステップアップ 15万円).
public sealed class AwardRuleTests
{
    [Fact]
    public void AnAwardOfExactlyTheChallengeCapOfTwoHundredThousandYenIsAllowed()
    {
        var course = Komoro.Challenge();
        AwardRules.Check(Komoro.ApplicationTo(course, requestedYen: 250_000), course, 200_000);
    }

    [Fact]
    public void AnAwardOneYenAboveTheChallengeCapIsRefusedNamingTheCap()
    {
        var course = Komoro.Challenge();
        var refusal = Refusals.Rule(() => AwardRules.Check(Komoro.ApplicationTo(course, requestedYen: 300_000), course, 200_001));
        Assert.Equal("ABOVE_COURSE_CAP", refusal.Reason);
        Assert.Equal("200000", refusal.Metadata["cap_yen"]);
        Assert.Contains("チャレンジ", refusal.Text.Japanese);
    }

    [Fact]
    public void TheStepUpCourseRefusesWhatTheChallengeCourseWouldAllow()
    {
        var course = Komoro.StepUp();
        var refusal = Refusals.Rule(() => AwardRules.Check(Komoro.ApplicationTo(course, requestedYen: 200_000), course, 180_000));
        Assert.Equal("ABOVE_COURSE_CAP", refusal.Reason);
        Assert.Equal("150000", refusal.Metadata["cap_yen"]);
    }

    [Fact]
    public void AnAwardAboveTheAmountAskedForIsRefusedNamingThatAmount()
    {
        var course = Komoro.Challenge();
        var refusal = Refusals.Rule(() => AwardRules.Check(Komoro.ApplicationTo(course, requestedYen: 120_000), course, 120_001));
        Assert.Equal("ABOVE_REQUESTED", refusal.Reason);
        Assert.Equal("120000", refusal.Metadata["requested_yen"]);
    }

    [Fact]
    public void AnAwardOfExactlyTheAmountAskedForIsAllowed()
    {
        var course = Komoro.StepUp();
        AwardRules.Check(Komoro.ApplicationTo(course, requestedYen: 102_000), course, 102_000);
    }

    [Fact]
    public void ACourseThatPrintsNoCapIsLimitedOnlyByTheAmountAskedFor()
    {
        var course = Komoro.UedaThreeRounds();
        AwardRules.Check(Komoro.ApplicationTo(course, requestedYen: 5_000_000, round: 1), course, 5_000_000);
        var above = Komoro.ApplicationTo(course, requestedYen: 5_000_000, round: 1);
        Assert.Equal("ABOVE_REQUESTED", Refusals.Rule(() => AwardRules.Check(above, course, 5_000_001)).Reason);
    }

    [Fact]
    public void AnApplicationRecordedWithoutAnAmountAskedForIsLimitedOnlyByTheCap()
    {
        var course = Komoro.Challenge();
        AwardRules.Check(Komoro.ApplicationTo(course, requestedYen: null), course, 200_000);
        var above = Komoro.ApplicationTo(course, requestedYen: null);
        Assert.Equal("ABOVE_COURSE_CAP", Refusals.Rule(() => AwardRules.Check(above, course, 200_001)).Reason);
    }

    [Fact]
    public void ASecondAwardInOneCourseIsRefusedNamingTheGroupAndTheCourse()
    {
        var group = new Applicant(Guid.NewGuid(), Komoro.Code, "こもろ子育てネット", "市民活動団体", Komoro.Now);
        var refusal = AwardRules.AlreadyAwarded(Komoro.Challenge(), group);
        Assert.Equal("ALREADY_AWARDED_IN_COURSE", refusal.Reason);
        Assert.Contains("こもろ子育てネット", refusal.Text.Japanese);
        Assert.Contains("チャレンジ", refusal.Text.Japanese);
        Assert.Contains("1団体各コース1回まで", refusal.Text.English);
    }
}
