using System.Globalization;
using Kyodo.Subsidy.V1;

namespace Kyodo.Web.Presentation;

/// <summary>How the subsidy pages word programs, courses and an application's steps.</summary>
public static class SubsidyText
{
    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja-JP");

    public static string Yen(long yen) => yen.ToString("N0", Japanese) + "円";

    /// <summary>"チャレンジ（上限200,000円）"; an imported course whose document printed no cap says so.</summary>
    public static string CourseWithCap(Course course) =>
        course.Name + (course.CapYen > 0 ? $"（上限{Yen(course.CapYen)}）" : "（上限の記載なし）");

    public static string Status(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Submitted => "申請",
        ApplicationStatus.UnderReview => "審査中",
        ApplicationStatus.Awarded => "交付決定",
        ApplicationStatus.Rejected => "不採択",
        ApplicationStatus.Withdrawn => "取下げ",
        ApplicationStatus.Reported => "実績報告",
        ApplicationStatus.Settled => "確定",
        _ => "—",
    };

    public static string Kind(ProjectKind kind) => kind switch
    {
        ProjectKind.New => "新規",
        ProjectKind.Continuing => "継続",
        _ => "",
    };
}
