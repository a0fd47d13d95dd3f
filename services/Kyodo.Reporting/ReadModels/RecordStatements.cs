using System.Text.Json;
using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Subsidy;
using Npgsql;
using NpgsqlTypes;

using static Kyodo.Reporting.ReadModels.VersionedStatements;

namespace Kyodo.Reporting.ReadModels;

/// <summary>
/// Budget lines, subsidy programs and applications as upserts of their whole state (<see cref="VersionedStatements"/>; a
/// budget line and an application as a <see cref="VersionedRecord"/>, written with the others of its table in one statement):
/// the rows <see cref="RecordContents"/> fills (as
/// the bulk load writes them), which the consumers and the rebuild wrote through EF in four round
/// trips (the inbox claim, EF's read, its write, COMMIT) before. A new row is live; an existing row
/// keeps its deleted flag, as the EF path kept the properties its apply does not set.
/// </summary>
public static class RecordStatements
{
    public static VersionedRecord BudgetLine(string municipality, DateTimeOffset at, BudgetLineSnapshot line)
    {
        var row = new BudgetLineRow { BudgetLineId = line.BudgetLineId };
        RecordContents.Line(row, line);
        return new VersionedRecord("budget_lines", ["municipality_code", "budget_line_id"],
        [
            new("municipality_code", NpgsqlDbType.Varchar, municipality), new("budget_line_id", NpgsqlDbType.Uuid, row.BudgetLineId),
            new("item_id", NpgsqlDbType.Uuid, row.ItemId), new("item_title", NpgsqlDbType.Text, row.ItemTitle),
            new("department_id", NpgsqlDbType.Uuid, row.DepartmentId), new("department_name", NpgsqlDbType.Text, row.DepartmentName),
            new("fiscal_year", NpgsqlDbType.Integer, row.FiscalYear), new("stage", NpgsqlDbType.Text, row.Stage),
            new("supplementary_number", NpgsqlDbType.Integer, row.SupplementaryNumber),
            new("account_path", NpgsqlDbType.Text, row.AccountPath),
            new("cost_yen", NpgsqlDbType.Bigint, row.CostYen),
            new("national_prefectural_yen", NpgsqlDbType.Bigint, row.NationalPrefecturalYen),
            new("local_bond_yen", NpgsqlDbType.Bigint, row.LocalBondYen), new("other_yen", NpgsqlDbType.Bigint, row.OtherYen),
            new("general_revenue_yen", NpgsqlDbType.Bigint, row.GeneralRevenueYen),
            new("deleted", NpgsqlDbType.Boolean, false), new("revision", NpgsqlDbType.Integer, line.Revision), AsOf(at),
        ], InsertOnly: "deleted");
    }

    public static VersionedRecord Application(ApplicationStatusChanged m)
    {
        var row = new ApplicationRow { ApplicationId = m.ApplicationId };
        RecordContents.Application(row, m);
        return new VersionedRecord("subsidy_applications", ["municipality_code", "application_id"],
        [
            new("municipality_code", NpgsqlDbType.Varchar, m.MunicipalityCode), new("application_id", NpgsqlDbType.Uuid, row.ApplicationId),
            new("program_id", NpgsqlDbType.Uuid, row.ProgramId), new("program_name", NpgsqlDbType.Text, row.ProgramName),
            new("course_id", NpgsqlDbType.Uuid, row.CourseId), new("course_name", NpgsqlDbType.Text, row.CourseName),
            new("fiscal_year", NpgsqlDbType.Integer, row.FiscalYear), new("round", NpgsqlDbType.Integer, row.Round),
            new("project_kind", NpgsqlDbType.Text, row.ProjectKind), new("status", NpgsqlDbType.Text, row.Status),
            new("requested_yen", NpgsqlDbType.Bigint, row.RequestedYen), new("awarded_yen", NpgsqlDbType.Bigint, row.AwardedYen),
            new("settled_yen", NpgsqlDbType.Bigint, row.SettledYen),
            new("deleted", NpgsqlDbType.Boolean, false), new("revision", NpgsqlDbType.Integer, m.Revision), AsOf(m.OccurredAt),
        ], InsertOnly: "deleted");
    }

    /// <summary>
    /// Revision 0 and the name: the SubsidyProgramChanged that accompanies every creation carries the
    /// full state. An upsert, so the two arriving together (in one batch, or two consumers at once)
    /// never collide on the row's key, as EF's read-then-insert did until a retry.
    /// </summary>
    public static NpgsqlBatchCommand ProgramCreated(SubsidyProgramCreated m, bool listed) =>
        Upsert("subsidy_programs", ["municipality_code", "program_id"], listed,
        [
            new("municipality_code", NpgsqlDbType.Varchar, m.MunicipalityCode), new("program_id", NpgsqlDbType.Uuid, m.ProgramId),
            new("name", NpgsqlDbType.Text, m.Name), new("description", NpgsqlDbType.Text, ""),
            new("deleted", NpgsqlDbType.Boolean, false), new("revision", NpgsqlDbType.Integer, 0), AsOf(m.OccurredAt),
        ], insertOnly: ["name", "description", "deleted"]);

    /// <summary>
    /// The program's row, then its courses and budget lines replaced if the row holds this revision
    /// after that (a duplicate rewrites the same rows; an older state touches nothing), as
    /// <see cref="ItemStatements"/> replaces an item's contents.
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> ProgramChanged(SubsidyProgramChanged m, bool listed)
    {
        yield return Upsert("subsidy_programs", ["municipality_code", "program_id"], listed,
        [
            new("municipality_code", NpgsqlDbType.Varchar, m.MunicipalityCode), new("program_id", NpgsqlDbType.Uuid, m.ProgramId),
            new("name", NpgsqlDbType.Text, m.Name), new("description", NpgsqlDbType.Text, m.Description),
            new("deleted", NpgsqlDbType.Boolean, m.Deleted), new("revision", NpgsqlDbType.Integer, m.Revision), AsOf(m.OccurredAt),
        ]);
        const string holds =
            "EXISTS (SELECT 1 FROM subsidy_programs WHERE municipality_code = @m AND program_id = @id AND revision = @revision)";
        var (courses, lines) = RecordContents.Program(m.MunicipalityCode, m);
        yield return Contents($"DELETE FROM subsidy_courses WHERE municipality_code = @m AND program_id = @id AND {holds}");
        yield return Contents($"DELETE FROM program_budget_lines WHERE municipality_code = @m AND program_id = @id AND {holds}");
        yield return Contents($"""
            INSERT INTO subsidy_courses (municipality_code, course_id, program_id, position, name, cap_yen, once_per_applicant,
                rounds_per_year)
            SELECT @m, x.course_id, @id, x.position, x.name, x.cap_yen, x.once_per_applicant, x.rounds_per_year
            FROM jsonb_to_recordset(@rows) AS x(course_id uuid, position integer, name text, cap_yen bigint, once_per_applicant boolean,
                rounds_per_year integer)
            WHERE {holds}
            """, courses.Select(c => new
        {
            course_id = c.CourseId, position = c.Position, name = c.Name, cap_yen = c.CapYen, once_per_applicant = c.OncePerApplicant,
            rounds_per_year = c.RoundsPerYear,
        }));
        yield return Contents($"""
            INSERT INTO program_budget_lines (municipality_code, program_id, fiscal_year, budget_line_id)
            SELECT @m, @id, x.fiscal_year, x.budget_line_id FROM jsonb_to_recordset(@rows) AS x(fiscal_year integer, budget_line_id uuid)
                WHERE {holds}
            """, lines.Select(l => new { fiscal_year = l.FiscalYear, budget_line_id = l.BudgetLineId }));

        NpgsqlBatchCommand Contents(string sql, object? rows = null)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter("m", NpgsqlDbType.Varchar) { Value = m.MunicipalityCode });
            command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Uuid) { Value = m.ProgramId });
            command.Parameters.Add(new NpgsqlParameter("revision", NpgsqlDbType.Integer) { Value = m.Revision });
            if (rows is not null)
                command.Parameters.Add(new NpgsqlParameter("rows", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(rows) });
            return command;
        }
    }
}
