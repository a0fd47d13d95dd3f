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
    /// <summary>
    /// One program as a document prints it, in one transaction (see the proto): the program by
    /// name with its courses and budget lines, how its results rows were printed, and the printed
    /// per-year counts as recorded applications. Idempotent: what is already as imported is left
    /// alone. With validate_only everything is checked and the transaction rolled back.
    /// </summary>
    public override async Task<ImportProgramResponse> ImportProgram(ImportProgramRequest request, ServerCallContext context)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        ValidateProgram(v, request.Name, request.Description);
        var courses = request.Courses.Select((c, i) => ReadCourse(c, v, $"courses[{i}]", capMayBeUnprinted: true)).ToList();
        v.Check(courses.Select(c => c.Name).Distinct().Count() == courses.Count, "courses", SubsidyErrors.CourseTwice);
        var lines = new List<(int FiscalYear, Guid LineId)>();
        for (var i = 0; i < request.BudgetLines.Count; i++)
        {
            var line = request.BudgetLines[i];
            v.Check(FiscalYears.IsPlausible(line.FiscalYear), $"budget_lines[{i}].fiscal_year", SharedMessages.PlausibleFiscalYear);
            lines.Add((line.FiscalYear, v.Id(line.BudgetLineId, $"budget_lines[{i}].budget_line_id")));
        }
        v.Check(lines.Select(l => l.FiscalYear).Distinct().Count() == lines.Count, "budget_lines", SubsidyErrors.LineYearTwice);
        ValidateResults(request, courses, v);
        v.ThrowIfInvalid();
        var ct = context.CancellationToken;

        // A line of another municipality answers exactly like a missing one (asked before any write).
        for (var i = 0; i < lines.Count; i++)
        {
            var line = await budgetLines.OwnerAsync(lines[i].LineId, mayAsk: true, ct);
            if (line.MunicipalityCode != request.MunicipalityCode)
                throw new NotFoundException("budget line", lines[i].LineId.ToString());
            EnsureLineOfYear(line, lines[i].FiscalYear, $"budget_lines[{i}].budget_line_id");
        }

        var now = clock.GetUtcNowForStorage();
        var actor = context.Actor();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var name = request.Name.Trim();
        // Every change of a program's courses, budget lines or printed rows also writes its row
        // (its revision): locked first, the program's rows read next (one query per collection,
        // see SubsidyDbContext) are of one state, and a concurrent import of it waits.
        await db.Database.ExecuteSqlAsync(
            $"SELECT 1 FROM programs WHERE municipality_code = {request.MunicipalityCode} AND name = {name} FOR UPDATE", ct);
        var program = await db.Programs.SingleOrDefaultAsync(p => p.MunicipalityCode == request.MunicipalityCode && p.Name == name, ct);
        var created = program is null;
        var changed = created;
        if (program is null)
        {
            program = new Domain.SubsidyProgram(Guid.CreateVersion7(now), request.MunicipalityCode, name, request.Description, now);
            db.Programs.Add(program);
        }
        var revision = program.Revision;
        if (program.Description != request.Description)
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
        foreach (var (fiscalYear, lineId) in lines) changed |= program.LinkBudgetLine(fiscalYear, lineId);
        // How each row was printed, so an export gives back what was imported.
        foreach (var result in request.Results)
            changed |= program.KeepPrinted(result.FiscalYear, result.Course.Trim(), ApplicationsPrinted(result), result.Note.Trim());
        foreach (var note in request.YearNotes)
            changed |= program.KeepPrinted(note.FiscalYear, "", false, note.Note.Trim());
        if (changed)
        {
            // One import, one revision (a created program has its first already).
            if (program.Revision == revision && !created) program.Revise();
            if (created)
                db.AddIntegrationEvent(new SubsidyProgramCreated(Guid.NewGuid(), now, program.MunicipalityCode, program.Id, program.Name));
            db.AddIntegrationEvent(program.Changed(now));
        }

        var (recorded, kindsGiven) = await RecordResultsAsync(program, request.Results, actor, now, ct);
        var anything = changed || recorded > 0 || kindsGiven > 0;
        if (request.ValidateOnly)
        {
            // Everything was checked against what is held; nothing of it is kept.
            await transaction.RollbackAsync(ct);
            requestIds.NotKept(); // a retry checks again: nothing to repeat
            return new ImportProgramResponse { Changed = anything, ApplicationsRecorded = recorded };
        }
        await db.SaveChangesAsync(ct);
        return await requestIds.CommitAsync(transaction,
            new ImportProgramResponse { Program = program.ToMessage(), Changed = anything, ApplicationsRecorded = recorded }, ct);
    }

    private static bool SameRules(Domain.Course course, Domain.CourseRules rules) =>
        course.CapYen == rules.CapYen && course.OncePerApplicant == rules.OncePerApplicant && course.RoundsPerYear == rules.RoundsPerYear
        && course.AcceptsNewProjects == rules.AcceptsNewProjects && course.AcceptsContinuingProjects == rules.AcceptsContinuingProjects
        && course.EligibilityNotes == rules.EligibilityNotes;
}
