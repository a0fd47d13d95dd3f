using Kyodo.Reporting.Data;
using Kyodo.Reporting.V1;
using Kyodo.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using static Kyodo.Reporting.Reports.Cells;
using static Kyodo.Reporting.Reports.ReportSql;

namespace Kyodo.Reporting.Reports;

/// <summary>
/// The subsidy-program trend (report 6), counted in SQL as seed 001 counts it: per year and course,
/// applications, awards (an application counts as awarded once awarded, also after its report and
/// settlement) and amounts; the awards by project kind (002: 継続93件、新規20件); what was asked for
/// where known, with how many amounts nobody printed (left out of the sum, never guessed); and
/// per year, course and round the applications and awards, an unknown round apart.
/// </summary>
internal static class SubsidyTrend
{
    private const string Awarded = "a.status IN ('Awarded', 'Reported', 'Settled')";

    private sealed record Counts(int Year, Guid Course, string CourseName, int? Round, long Applications, long Awards, long AwardedYen,
        long SettledYen,
        long Continuing, long New, long KindUnknown, long RequestedYen, long RequestedKnown, long RequestedUnknown, DateTimeOffset? AsOf);

    public static async Task<Report> BuildAsync(ReportingDbContext db, string code, Guid programId, YearRange range, CancellationToken ct)
    {
        var program =
            await db.SubsidyPrograms.AsNoTracking().SingleOrDefaultAsync(p => p.MunicipalityCode == code && p.ProgramId == programId, ct);
        // Per year, course and round; a course's and a year's figures are their rounds' sums.
        var rounds = await db.QueryAsync($"""
            SELECT a.fiscal_year, a.course_id, max(a.course_name), a.round, count(*), count(*) FILTER (WHERE {Awarded}),
                   coalesce(sum(a.awarded_yen) FILTER (WHERE {Awarded}), 0), coalesce(sum(a.settled_yen) FILTER (WHERE {Awarded}), 0),
                   count(*) FILTER (WHERE {Awarded} AND a.project_kind = 'Continuing'), count(*) FILTER (WHERE {Awarded} AND a.project_kind
                       = 'New'),
                   count(*) FILTER (WHERE {Awarded} AND a.project_kind NOT IN ('Continuing', 'New')),
                   coalesce(sum(a.requested_yen), 0), count(a.requested_yen), count(*) FILTER (WHERE a.requested_yen IS NULL), max(a.as_of)
            FROM subsidy_applications a
            WHERE a.municipality_code = @municipality AND a.program_id = @program AND NOT a.deleted
            GROUP BY a.fiscal_year, a.course_id, a.round
            """, row => new Counts(row.GetInt32(0), row.GetGuid(1), row.GetString(2), row.IsDBNull(3) ? null : row.GetInt32(3), row.Long(4),
                row.Long(5),
                row.Long(6), row.Long(7), row.Long(8), row.Long(9), row.Long(10), row.Long(11), row.Long(12), row.Long(13),
                    row.NullableTime(14)),
                    ct,
            Text("municipality", code), Id("program", programId));
        if (program is { Deleted: true } || (program is null && rounds.Count == 0))
            throw new NotFoundException("subsidy program", programId.ToString());
        rounds = rounds.Where(r => range.Contains(r.Year)).ToList();

        var name = program?.Name is { Length: > 0 } n ? n
            : await db.Applications.Where(a => a.MunicipalityCode == code && a.ProgramId == programId).Select(a => a.ProgramName)
                .FirstOrDefaultAsync(ct) ?? "";
        var report = new ReportBuilder($"推移 {name}", code);
        report.Includes(program?.AsOf);
        foreach (var r in rounds) report.Includes(r.AsOf);

        // Courses in the program's order, then any only the applications name (the program's change may still be on its way).
        var courses = await db.Courses.AsNoTracking().Where(c => c.MunicipalityCode == code && c.ProgramId == programId)
            .OrderBy(c => c.Position).Select(c => new { c.CourseId, c.Name }).ToListAsync(ct);
        var ordered = courses.Select(c => (c.CourseId, c.Name)).ToList();
        ordered.AddRange(rounds.Select(r => (CourseId: r.Course, Name: r.CourseName)).DistinctBy(c => c.CourseId)
            .Where(c => ordered.All(k => k.CourseId != c.CourseId)).OrderBy(c => c.Name, StringComparer.Ordinal));

        var table = report.Table("補助金の推移", ("年度", ColumnKind.Text), ("コース", ColumnKind.Text), ("申請数", ColumnKind.Count),
            ("交付決定数", ColumnKind.Count),
            ("交付決定額", ColumnKind.Yen), ("確定額", ColumnKind.Yen), ("継続（交付決定）", ColumnKind.Count), ("新規（交付決定）", ColumnKind.Count),
            ("区分不明（交付決定）", ColumnKind.Count), ("申請額（判明分）", ColumnKind.Yen), ("申請額不明（件）", ColumnKind.Count));
        var byRound = report.Table("回別", ("年度", ColumnKind.Text), ("コース", ColumnKind.Text), ("回", ColumnKind.Text),
            ("申請数", ColumnKind.Count), ("交付決定数", ColumnKind.Count), ("交付決定額", ColumnKind.Yen));
        foreach (var year in range.Years(rounds.Select(r => r.Year)))
        {
            var label = Japanese.FiscalYearLabel(year);
            var ofYear = rounds.Where(r => r.Year == year).ToList();
            foreach (var (courseId, courseName) in ordered)
            {
                var ofCourse = ofYear.Where(r => r.Course == courseId).ToList();
                table.Rows.Add(Totals(label, courseName, ofCourse));
                foreach (var r in ofCourse.OrderBy(r => r.Round ?? int.MaxValue))
                    byRound.Rows.Add(Row(Text(label), Text(courseName), Text(RoundLabel(r.Round)), Integer(r.Applications),
                        Integer(r.Awards), Integer(r.AwardedYen)));
            }
            table.Rows.Add(Totals(label, "計", ofYear));
        }
        return report.Build();
    }

    /// <summary>第2回; 回なし for a course without rounds; 不明 where no document printed it.</summary>
    private static string RoundLabel(int? round) => round switch { null => "不明", 0 => "回なし", { } n => $"第{n}回" };

    private static Row Totals(string year, string course, List<Counts> rows) => Row(Text(year), Text(course),
        Integer(rows.Sum(r => r.Applications)), Integer(rows.Sum(r => r.Awards)), Integer(rows.Sum(r => r.AwardedYen)),
        Integer(rows.Sum(r => r.SettledYen)),
        Integer(rows.Sum(r => r.Continuing)), Integer(rows.Sum(r => r.New)), Integer(rows.Sum(r => r.KindUnknown)),
        rows.Sum(r => r.RequestedKnown) > 0 ? Integer(rows.Sum(r => r.RequestedYen)) : Blank(), Integer(rows.Sum(r => r.RequestedUnknown)));
}
