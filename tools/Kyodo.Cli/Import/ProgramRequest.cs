using Kyodo.Cli.Seed;
using Kyodo.Subsidy.V1;

namespace Kyodo.Cli.Import;

/// <summary>
/// A seed program → ImportProgramRequest, with the line of every results row sent (so a refusal
/// of <c>results[i]</c> points at its row): each course row's figures as printed (whether it
/// printed applications, 0 included; the split when printed; the note), and each totals row's
/// note as a year note.
/// </summary>
internal static class ProgramRequest
{
    public static (ImportProgramRequest Request, SourceLines Lines) For(string file, string municipalityCode, SeedProgram program,
        IEnumerable<ProgramBudgetLine> budgetLines)
    {
        var request =
            new ImportProgramRequest { MunicipalityCode = municipalityCode, Name = program.Name, Description = program.Description };
        var fields = new Dictionary<string, int> { ["name"] = program.Line };
        request.Courses.AddRange(program.Courses.Select(c => new CourseInput
        {
            Name = c.Name, CapYen = c.Cap?.Yen ?? 0, OncePerApplicant = c.OncePerApplicant, RoundsPerYear = c.RoundsPerYear,
            AcceptsNewProjects = c.AcceptsNewProjects, AcceptsContinuingProjects = c.AcceptsContinuingProjects,
            EligibilityNotes = c.EligibilityNotes,
        }));
        foreach (var line in budgetLines)
        {
            fields[$"budget_lines[{request.BudgetLines.Count}]"] =
                program.BudgetLines.Find(l => l.FiscalYear == line.FiscalYear)?.Line ?? program.Line;
            request.BudgetLines.Add(line);
        }
        foreach (var row in SeedCanonical.CourseResults(program))
        {
            fields[$"results[{request.Results.Count}]"] = row.Line;
            request.Results.Add(new ImportedCourseResult
            {
                FiscalYear = row.FiscalYear, Course = row.Course, Awards = row.Awards,
                Applications = row.Applications ?? 0, ApplicationsPrinted = row.Applications is not null, AwardedYen = row.AwardedYen,
                AwardsContinuing = row.AwardsContinuing ?? 0, AwardsNew = row.AwardsNew ?? 0, Note = row.Note,
            });
        }
        foreach (var note in SeedCanonical.YearNotes(program))
        {
            fields[$"year_notes[{request.YearNotes.Count}]"] = note.Line;
            request.YearNotes.Add(new ImportedYearNote { FiscalYear = note.FiscalYear, Note = note.Note });
        }
        return (request, new SourceLines(file, program.Line, fields));
    }
}
