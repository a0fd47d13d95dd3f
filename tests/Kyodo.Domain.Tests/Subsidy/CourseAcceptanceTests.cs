using Kyodo.Subsidy.Domain;

namespace Kyodo.Domain.Tests.Subsidy;

// Which applications a course takes (DOMAIN.md, Subsidy → Program, Course): rounds where the program
// has them, new and continuing projects where it accepts them.
public sealed class CourseAcceptanceTests
{
    [Fact]
    public void ACourseWithoutRoundsTakesAnApplicationThatNamesNoRound() =>
        Komoro.Challenge().EnsureAccepts(round: 0, ProjectKind.New);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ACourseWithoutRoundsRefusesAnyRoundNamingTheRoundField(int round) =>
        Assert.Equal(["round"], Refusals.Fields(() => Komoro.Challenge().EnsureAccepts(round, ProjectKind.New)));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void UedasCourseOfThreeRoundsAYearTakesEachOfItsRounds(int round) =>
        Komoro.UedaThreeRounds().EnsureAccepts(round, ProjectKind.Continuing);

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public void UedasCourseOfThreeRoundsRefusesARoundOutsideOneToThree(int round) =>
        Assert.Equal(["round"], Refusals.Fields(() => Komoro.UedaThreeRounds().EnsureAccepts(round, ProjectKind.New)));

    [Fact]
    public void ACourseThatTakesNoNewProjectsRefusesANewOneNamingTheProjectKind() =>
        Assert.Equal(["project_kind"], Refusals.Fields(() => Komoro.Challenge(acceptsNew: false).EnsureAccepts(0, ProjectKind.New)));

    [Fact]
    public void ACourseThatTakesNoNewProjectsStillTakesAContinuingOne() =>
        Komoro.Challenge(acceptsNew: false).EnsureAccepts(0, ProjectKind.Continuing);

    [Fact]
    public void ACourseThatTakesNoContinuingProjectsRefusesAContinuingOne() =>
        Assert.Equal(["project_kind"],
            Refusals.Fields(() => Komoro.Challenge(acceptsContinuing: false).EnsureAccepts(0, ProjectKind.Continuing)));

    [Fact]
    public void ACourseThatTakesNoContinuingProjectsStillTakesANewOne() =>
        Komoro.Challenge(acceptsContinuing: false).EnsureAccepts(0, ProjectKind.New);

    [Fact]
    public void ABadRoundAndARefusedKindAreReportedTogetherInOneAnswer() =>
        Assert.Equal(["round", "project_kind"],
            Refusals.Fields(() => Komoro.Challenge(acceptsNew: false).EnsureAccepts(round: 2, ProjectKind.New)));

    [Fact]
    public void TheRefusalOfARoundNamesTheCourse()
    {
        var refusal = Assert.Throws<Kyodo.ServiceDefaults.Errors.RequestValidationException>(
            () => Komoro.StepUp().EnsureAccepts(round: 1, ProjectKind.New));
        Assert.Contains("ステップアップ", Assert.Single(refusal.Violations).Text.Japanese);
    }
}
