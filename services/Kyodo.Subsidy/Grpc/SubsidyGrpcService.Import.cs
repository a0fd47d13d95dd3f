using Grpc.Core;
using Kyodo.Contracts.Subsidy;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Subsidy.V1;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Subsidy.Grpc;

public sealed partial class SubsidyGrpcService
{
    // Recorded groups are named by program, course, year and number, so a second import finds
    // the first one's records and adds nothing. The prefix marks them as not real groups.
    private const string RecordedGroupPrefix = "（記録）";
    private const string RecordedGroupKind = "記録";

    /// <summary>
    /// One program as a document prints it, in one transaction (see the proto): the program by
    /// name with its courses and budget lines, and the printed per-year counts as recorded
    /// applications. Idempotent: what is already as imported is left alone.
    /// </summary>
    public override async Task<ImportProgramResponse> ImportProgram(ImportProgramRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        ValidateProgram(v, request.Name, request.Description);
        var courses = request.Courses.Select((c, i) => ReadCourse(c, v, $"courses[{i}]", capMayBeUnprinted: true)).ToList();
        v.Check(courses.Select(c => c.Name).Distinct().Count() == courses.Count, "courses", "names a course twice");
        var lines = new List<(int FiscalYear, Guid LineId)>();
        for (var i = 0; i < request.BudgetLines.Count; i++)
        {
            var line = request.BudgetLines[i];
            v.Check(FiscalYears.IsPlausible(line.FiscalYear), $"budget_lines[{i}].fiscal_year", FiscalYears.PlausibleRange);
            lines.Add((line.FiscalYear, v.Id(line.BudgetLineId, $"budget_lines[{i}].budget_line_id")));
        }
        v.Check(lines.Select(l => l.FiscalYear).Distinct().Count() == lines.Count, "budget_lines", "names a fiscal year twice");
        for (var i = 0; i < request.Results.Count; i++) ValidateResult(request.Results[i], $"results[{i}]", courses, v);
        v.Check(request.Results.Select(r => (r.Course.Trim(), r.FiscalYear)).Distinct().Count() == request.Results.Count,
            "results", "gives one course's figures of one fiscal year twice");
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        // A line of another municipality answers exactly like a missing one (asked before any write).
        for (var i = 0; i < lines.Count; i++)
        {
            var line = await budget.LineAsync(lines[i].LineId, ct);
            if (line.MunicipalityCode != request.MunicipalityCode)
                throw new NotFoundException("budget line", lines[i].LineId.ToString());
            EnsureLineOfYear(line, lines[i].FiscalYear, $"budget_lines[{i}].budget_line_id");
        }

        var now = clock.GetUtcNowForStorage();
        var actor = context.Actor();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var name = request.Name.Trim();
        var program = await db.Programs.SingleOrDefaultAsync(p => p.MunicipalityCode == request.MunicipalityCode && p.Name == name, ct);
        var created = program is null;
        var changed = created;
        if (program is null)
        {
            program = new Domain.SubsidyProgram(Guid.CreateVersion7(now), request.MunicipalityCode, name, request.Description, now);
            db.Programs.Add(program);
        }
        else if (program.Description != request.Description)
        {
            program.Describe(name, request.Description);
            changed = true;
        }
        foreach (var rules in courses)
        {
            var course = program.Courses.Find(c => c.Name == rules.Name);
            if (course is null)
            {
                program.Courses.Add(new Domain.Course(Guid.CreateVersion7(now), program.Id, rules));
                changed = true;
            }
            else if (!SameRules(course, rules))
            {
                course.Change(rules);
                changed = true;
            }
        }
        foreach (var (fiscalYear, lineId) in lines)
            if (program.BudgetLineFor(fiscalYear) != lineId)
            {
                program.SpendFrom(fiscalYear, lineId);
                changed = true;
            }
        if (changed)
        {
            if (created) db.AddIntegrationEvent(new SubsidyProgramCreated(Guid.NewGuid(), now, program.MunicipalityCode, program.Id, program.Name));
            else program.Describe(program.Name, program.Description); // a new revision for the course changes too
            db.AddIntegrationEvent(program.Changed(now));
        }

        var recorded = await RecordResultsAsync(program, request.Results, actor, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ImportProgramResponse { Program = program.ToMessage(), Changed = changed || recorded > 0, ApplicationsRecorded = recorded };
    }

    private static void ValidateResult(ImportedCourseResult result, string path, List<Domain.CourseRules> courses, RequestValidation v)
    {
        v.Check(FiscalYears.IsPlausible(result.FiscalYear), $"{path}.fiscal_year", FiscalYears.PlausibleRange);
        var course = courses.Find(c => c.Name == result.Course.Trim());
        v.Check(course is not null, $"{path}.course", $"'{result.Course}' is not a course of this program");
        v.Check(result.Awards >= 0, $"{path}.awards", "must not be negative");
        v.Check(result.Applications == 0 || result.Applications >= result.Awards, $"{path}.applications", "must be at least the awards");
        v.Check(result.AwardedYen >= 0, $"{path}.awarded_yen", "must not be negative");
        v.Check(result.Awards > 0 || result.AwardedYen == 0, $"{path}.awarded_yen", "an amount needs at least one award");
        if (course is { CapYen: > 0 } && result.Awards > 0)
        {
            var largest = (result.AwardedYen + result.Awards - 1) / result.Awards;
            v.Check(largest <= course.CapYen, $"{path}.awarded_yen",
                $"{result.AwardedYen:N0} yen over {result.Awards} awards is {largest:N0} yen each, above the course cap of {course.CapYen:N0} yen");
        }
    }

    private static bool SameRules(Domain.Course course, Domain.CourseRules rules) =>
        course.CapYen == rules.CapYen && course.OncePerApplicant == rules.OncePerApplicant && course.RoundsPerYear == rules.RoundsPerYear
        && course.AcceptsNewProjects == rules.AcceptsNewProjects && course.AcceptsContinuingProjects == rules.AcceptsContinuingProjects
        && course.EligibilityNotes == rules.EligibilityNotes;

    /// <summary>
    /// Writes the recorded applications that are not there yet. One already recorded with other
    /// figures (the document was corrected) is refused: history is not rewritten by an import.
    /// </summary>
    private async Task<int> RecordResultsAsync(Domain.SubsidyProgram program, IEnumerable<ImportedCourseResult> results, string actor,
        DateTimeOffset now, CancellationToken ct)
    {
        var prefix = $"{RecordedGroupPrefix}{program.Name}/";
        var groups = await db.Applicants.Where(a => a.MunicipalityCode == program.MunicipalityCode && a.Name.StartsWith(prefix)).ToDictionaryAsync(a => a.Name, ct);
        var existing = await db.Applications.AsNoTracking().Where(a => a.ProgramId == program.Id).ToListAsync(ct);
        var count = 0;
        foreach (var result in results)
        {
            var course = program.Courses.Single(c => c.Name == result.Course.Trim());
            var applications = Math.Max(result.Applications, result.Awards);
            for (var n = 1; n <= applications; n++)
            {
                var groupName = $"{prefix}{course.Name}/FY{result.FiscalYear}/{n}";
                var awarded = n <= result.Awards;
                var amount = awarded ? result.AwardedYen / result.Awards + (n <= result.AwardedYen % result.Awards ? 1 : 0) : 0;
                if (groups.TryGetValue(groupName, out var group)
                    && existing.Find(a => a.ApplicantId == group.Id && a.CourseId == course.Id && a.FiscalYear == result.FiscalYear) is { } already)
                {
                    if (already.AwardedYen != amount || already.HoldsAward != awarded)
                        throw new DomainRuleException("RECORDED_RESULTS_DIFFER",
                            $"{course.Name} FY{result.FiscalYear} is already recorded with other figures (application {n}: {already.AwardedYen:N0} yen); history is not rewritten by an import.");
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
                    ? Domain.Application.RecordedAward(Guid.CreateVersion7(now), program.Id, course, program.MunicipalityCode, result.FiscalYear, group.Id,
                        title, amount, actor, now, comment)
                    : Domain.Application.RecordedWithoutAward(Guid.CreateVersion7(now), program.Id, course, program.MunicipalityCode, result.FiscalYear,
                        group.Id, title, actor, now, comment);
                db.Applications.Add(application);
                // The event carries the application's whole state: reporting needs only the last step.
                db.AddIntegrationEvent(application.LatestStep(program, course, group));
                count++;
            }
        }
        return count;
    }
}
