using Kyodo.Subsidy.Domain;

namespace Kyodo.Domain.Tests.Subsidy;

/// <summary>
/// 小諸市 市民活動促進事業補助金 (seed 001): チャレンジ up to ¥200,000 and ステップアップ up to ¥150,000,
/// each group at most once per course; and 上田市's わがまち魅力アップ応援事業 (seed 002): 年3回募集,
/// new and continuing projects.
/// </summary>
internal static class Komoro
{
    public const string Code = "20208";
    public static readonly DateTimeOffset Now = new(2020, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static Course Challenge(bool acceptsNew = true, bool acceptsContinuing = true) =>
        new(Guid.NewGuid(), Guid.NewGuid(), new CourseRules("チャレンジ", 200_000, OncePerApplicant: true, RoundsPerYear: 0,
            acceptsNew, acceptsContinuing, ""));

    public static Course StepUp() =>
        new(Guid.NewGuid(), Guid.NewGuid(), new CourseRules("ステップアップ", 150_000, OncePerApplicant: true, RoundsPerYear: 0, true, true, ""));

    /// <summary>上田市 わがまち魅力アップ応援事業: three rounds a year, no printed cap.</summary>
    public static Course UedaThreeRounds() =>
        new(Guid.NewGuid(), Guid.NewGuid(), new CourseRules("わがまち魅力アップ", 0, OncePerApplicant: false, RoundsPerYear: 3, true, true, ""));

    public static Application ApplicationTo(Course course, long? requestedYen, int? round = 0) =>
        new(Guid.NewGuid(), Code, course.ProgramId, course.Id, 2020, round, Guid.NewGuid(), "地域の子ども食堂",
            ProjectKind.New, requestedYen, "applicant-clerk", Now, "");

    public static Application UnderReview(Course course, long requestedYen)
    {
        var application = ApplicationTo(course, requestedYen);
        application.StartReview("reviewer", Now, "");
        return application;
    }

    /// <summary>An application taken through review to its award, as the handler does once the budget reserved the money.</summary>
    public static Application Awarded(Course course, long requestedYen, long awardedYen)
    {
        var application = UnderReview(course, requestedYen);
        application.Award(awardedYen, Guid.NewGuid(), "reviewer", Now, "");
        return application;
    }
}
