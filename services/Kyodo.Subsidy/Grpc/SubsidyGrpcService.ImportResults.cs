using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Subsidy.V1;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Grpc;

/// <summary>ImportProgram's results: the printed per-year figures checked, then recorded as applications.</summary>
public sealed partial class SubsidyGrpcService
{
    // Recorded groups are named by program, course, year and number, so a second import finds
    // the first one's records and adds nothing. The prefix marks them as not real groups.
    private const string RecordedGroupPrefix = "（記録）";
    private const string RecordedGroupKind = "記録";
    private const int MaxNoteLength = 2000;

    private static void ValidateResults(ImportProgramRequest request, List<Domain.CourseRules> courses, RequestValidation v)
    {
        for (var i = 0; i < request.Results.Count; i++) ValidateResult(request.Results[i], $"results[{i}]", courses, v);
        v.Check(request.Results.Select(r => (r.Course.Trim(), r.FiscalYear)).Distinct().Count() == request.Results.Count,
            "results", SubsidyErrors.ResultTwice);
        for (var i = 0; i < request.YearNotes.Count; i++)
        {
            v.Check(FiscalYears.IsPlausible(request.YearNotes[i].FiscalYear), $"year_notes[{i}].fiscal_year",
                SharedMessages.PlausibleFiscalYear);
            v.Check(request.YearNotes[i].Note.Trim().Length is > 0 and <= MaxNoteLength, $"year_notes[{i}].note",
                SubsidyErrors.NoteLength(MaxNoteLength));
        }
        v.Check(request.YearNotes.Select(n => n.FiscalYear).Distinct().Count() == request.YearNotes.Count, "year_notes",
            SharedMessages.FiscalYearTwice);
    }

    private static void ValidateResult(ImportedCourseResult result, string path, List<Domain.CourseRules> courses, RequestValidation v)
    {
        v.Check(FiscalYears.IsPlausible(result.FiscalYear), $"{path}.fiscal_year", SharedMessages.PlausibleFiscalYear);
        var course = courses.Find(c => c.Name == result.Course.Trim());
        v.Check(course is not null, $"{path}.course", SubsidyErrors.NotACourseOfProgram(result.Course));
        v.Check(result.Awards >= 0, $"{path}.awards", SharedMessages.MustNotBeNegative);
        v.Check(result.Applications >= 0, $"{path}.applications", SharedMessages.MustNotBeNegative);
        v.Check(!ApplicationsPrinted(result) || result.Applications >= result.Awards, $"{path}.applications",
            SubsidyErrors.AtLeastTheAwards);
        v.Check(result.AwardedYen >= 0, $"{path}.awarded_yen", SharedMessages.MustNotBeNegative);
        v.Check(result.Awards > 0 || result.AwardedYen == 0, $"{path}.awarded_yen", SubsidyErrors.AmountNeedsAward);
        v.Check(result.AwardsContinuing >= 0, $"{path}.awards_continuing", SharedMessages.MustNotBeNegative);
        v.Check(result.AwardsNew >= 0, $"{path}.awards_new", SharedMessages.MustNotBeNegative);
        v.Check(result.AwardsContinuing + result.AwardsNew == 0 || result.AwardsContinuing + result.AwardsNew == result.Awards,
            $"{path}.awards_new", SubsidyErrors.AwardsSplit(result.AwardsContinuing, result.AwardsNew, result.Awards));
        v.Check(result.Note.Trim().Length <= MaxNoteLength, $"{path}.note", SubsidyErrors.NoteAtMost(MaxNoteLength));
        if (course is null) return;
        v.Check(result.AwardsContinuing == 0 || course.AcceptsContinuingProjects, $"{path}.awards_continuing",
            SubsidyErrors.NoContinuingProjects(course.Name));
        v.Check(result.AwardsNew == 0 || course.AcceptsNewProjects, $"{path}.awards_new", SubsidyErrors.NoNewProjects(course.Name));
        if (course.CapYen > 0 && result.Awards > 0)
        {
            var largest = (result.AwardedYen + result.Awards - 1) / result.Awards;
            v.Check(largest <= course.CapYen, $"{path}.awarded_yen",
                SubsidyErrors.AboveCapEach(result.AwardedYen, result.Awards, largest, course.CapYen));
        }
    }

    /// <summary>Whether a row printed its applications: said so, or a count above 0 (callers from before applications_printed).</summary>
    private static bool ApplicationsPrinted(ImportedCourseResult result) => result.ApplicationsPrinted || result.Applications > 0;

    /// <summary>The project kind of award <paramref name="n"/> (1-based): continuing ones first, then new, as printed (継続93件、
    /// 新規20件).</summary>
    private static Domain.ProjectKind KindOf(ImportedCourseResult result, int n) =>
        n > result.Awards ? Domain.ProjectKind.Unspecified
        : n <= result.AwardsContinuing ? Domain.ProjectKind.Continuing
        : n <= result.AwardsContinuing + result.AwardsNew ? Domain.ProjectKind.New
        : Domain.ProjectKind.Unspecified;

    /// <summary>
    /// Writes the recorded applications that are not there yet, and gives recorded awards of an
    /// earlier import that kept no project kind the printed one. One already recorded with other
    /// figures (the document was corrected) is refused: history is not rewritten by an import.
    /// Returns how many applications were written, and how many were given their kind.
    /// </summary>
    private async Task<(int Recorded, int KindsGiven)> RecordResultsAsync(Domain.SubsidyProgram program,
        IReadOnlyList<ImportedCourseResult> results, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var prefix = $"{RecordedGroupPrefix}{program.Name}/";
        var groups = await db.Applicants.Where(a => a.MunicipalityCode == program.MunicipalityCode && a.Name.StartsWith(prefix))
            .ToDictionaryAsync(a => a.Name, ct);
        var existing = await db.Applications.Where(a => a.ProgramId == program.Id).ToListAsync(ct);
        var count = 0;
        var kindsGiven = 0;
        for (var index = 0; index < results.Count; index++)
        {
            var result = results[index];
            var course = program.Courses.Single(c => c.Name == result.Course.Trim());
            var applications = Math.Max(result.Applications, result.Awards);
            for (var n = 1; n <= applications; n++)
            {
                var groupName = $"{prefix}{course.Name}/FY{result.FiscalYear}/{n}";
                var awarded = n <= result.Awards;
                var amount = awarded ? result.AwardedYen / result.Awards + (n <= result.AwardedYen % result.Awards ? 1 : 0) : 0;
                var kind = KindOf(result, n);
                if (groups.TryGetValue(groupName, out var group)
                    && existing.Find(
                        a => a.ApplicantId == group.Id && a.CourseId == course.Id && a.FiscalYear == result.FiscalYear) is { } already)
                {
                    if (already.AwardedYen != amount || already.HoldsAward != awarded
                        || (already.ProjectKind != kind && already.ProjectKind != Domain.ProjectKind.Unspecified))
                        throw new DomainRuleException("RECORDED_RESULTS_DIFFER",
                            SubsidyErrors.RecordedResultsDiffer(course.Name, result.FiscalYear, n, already.AwardedYen, already.ProjectKind),
                            new Dictionary<string, string>
                            {
                                ["course"] = course.Name,
                                ["fiscal_year"] = result.FiscalYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
                                ["result_index"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            });
                    if (already.ProjectKind != kind)
                    {
                        // No step of its life and nothing an event carries: published as nothing.
                        already.RecordProjectKind(kind);
                        kindsGiven++;
                    }
                    continue;
                }
                if (group is null)
                {
                    group = new Domain.Applicant(Guid.CreateVersion7(now), program.MunicipalityCode, groupName, RecordedGroupKind, now);
                    db.Applicants.Add(group);
                    groups[groupName] = group;
                }
                var title = $"{course.Name} FY{result.FiscalYear} {n}/{applications}";
                const string comment = "recorded from the document's printed figures (import)";
                var application = awarded
                    ? Domain.Application.RecordedAward(Guid.CreateVersion7(now), program.Id, course, program.MunicipalityCode,
                        result.FiscalYear, group.Id, title, kind, amount, actor, now, comment)
                    : Domain.Application.RecordedWithoutAward(Guid.CreateVersion7(now), program.Id, course, program.MunicipalityCode,
                        result.FiscalYear, group.Id, title, actor, now, comment);
                db.Applications.Add(application);
                // The event carries the application's whole state: reporting needs only the last step.
                db.AddIntegrationEvent(application.LatestStep(program, course, group));
                count++;
            }
        }
        return (count, kindsGiven);
    }
}
