namespace Kyodo.Cli.Seed;

/// <summary>
/// A program's results rows checked against each other: a course's figures of a year are given
/// once, and a totals row (no course, in a program of several courses) says exactly what its
/// year's course rows add up to — applications, awards, the split of awards and the amount.
/// A totals row carries no figures of its own (the services keep only its note), so a total
/// that disagrees with its rows is a transcription error, reported at the total's line.
/// </summary>
internal static class ResultTotals
{
    public static void Check(IReadOnlyList<(SeedResult Result, YamlField Field)> rows, IReadOnlyList<string> courses)
    {
        // With one course a row without a course is that course's (the program's figures are the course's).
        string CourseOf(SeedResult r) => r.Course.Length > 0 ? r.Course : courses.Count == 1 ? courses[0] : "";
        foreach (var twice in rows.Where(r => CourseOf(r.Result).Length > 0).GroupBy(r => (r.Result.FiscalYear, Course: CourseOf(r.Result)))
            .Where(g => g.Count() > 1))
            foreach (var (_, field) in twice.Skip(1))
                field.Problem(
                    $"the figures of {twice.Key.Course} FY{twice.Key.FiscalYear} are given already (line {twice.First().Field.Line})");

        var totals = rows.Where(r => CourseOf(r.Result).Length == 0).ToList();
        foreach (var twice in totals.GroupBy(t => t.Result.FiscalYear).Where(g => g.Count() > 1))
            foreach (var (_, field) in twice.Skip(1))
                field.Problem($"the totals of FY{twice.Key} are given already (line {twice.First().Field.Line})");

        foreach (var (total, field) in totals)
        {
            var year =
                rows.Where(r => r.Result.FiscalYear == total.FiscalYear && CourseOf(r.Result).Length > 0).Select(r => r.Result).ToList();
            string Parts(Func<SeedResult, long> figure, string unit) =>
                year.Count == 0 ? "no course rows" : string.Join(" + ", year.Select(r => $"{CourseOf(r)} {figure(r):N0}{unit}"));
            void Compare(string key, long? given, Func<SeedResult, long> figure, string unit)
            {
                if (given is not { } printed) return;
                var sum = year.Sum(figure);
                if (sum != printed)
                    field[key].Problem($"the total {printed:N0}{unit} is not the sum of the course rows of FY{total.FiscalYear}, "
                        + $"{sum:N0}{unit} ({Parts(figure, unit)})");
            }
            Compare("awards", total.Awards, r => r.Awards ?? 0, "");
            // A course row without applications printed had as many as its awards.
            Compare("applications", total.Applications, r => r.Applications ?? r.Awards ?? 0, "");
            Compare("awarded_amount", total.AwardedAmount?.Yen, r => r.AwardedAmount?.Yen ?? 0, " yen");
            if (total.AwardsNew is null && total.AwardsContinuing is null) continue;
            if (year.Count == 0 || year.Any(r => r.AwardsNew is null))
            {
                field["awards_new"].Problem($"the course rows of FY{total.FiscalYear} do not all split their awards, so the total's split "
                    + $"can be neither checked nor kept");
                continue;
            }
            Compare("awards_new", total.AwardsNew, r => r.AwardsNew ?? 0, "");
            Compare("awards_continuing", total.AwardsContinuing, r => r.AwardsContinuing ?? 0, "");
        }
    }
}
