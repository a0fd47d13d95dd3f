using Kyodo.Contracts.Budget;
using Kyodo.Contracts.Subsidy;
using Npgsql;
using NpgsqlTypes;

using static Kyodo.Reporting.ReadModels.VersionedStatements;

namespace Kyodo.Reporting.ReadModels;

/// <summary>
/// Budget lines and subsidy applications as one statement each (<see cref="VersionedStatements"/>):
/// the rows <see cref="RecordContents.Line"/> and <see cref="RecordContents.Application"/> fill (as
/// the bulk load writes them), which the consumers and the rebuild wrote through EF in four round
/// trips (the inbox claim, EF's read, its write, COMMIT) before. A new row is live; an existing row
/// keeps its deleted flag, as the EF path kept the properties its apply does not set.
/// </summary>
public static class RecordStatements
{
    public static NpgsqlBatchCommand BudgetLine(string municipality, DateTimeOffset at, BudgetLineSnapshot line, bool listed)
    {
        var row = new BudgetLineRow { BudgetLineId = line.BudgetLineId };
        RecordContents.Line(row, line);
        return Upsert("budget_lines", ["municipality_code", "budget_line_id"], listed,
        [
            new("municipality_code", NpgsqlDbType.Varchar, municipality), new("budget_line_id", NpgsqlDbType.Uuid, row.BudgetLineId),
            new("item_id", NpgsqlDbType.Uuid, row.ItemId), new("item_title", NpgsqlDbType.Text, row.ItemTitle),
            new("department_id", NpgsqlDbType.Uuid, row.DepartmentId), new("department_name", NpgsqlDbType.Text, row.DepartmentName),
            new("fiscal_year", NpgsqlDbType.Integer, row.FiscalYear), new("stage", NpgsqlDbType.Text, row.Stage),
            new("supplementary_number", NpgsqlDbType.Integer, row.SupplementaryNumber), new("account_path", NpgsqlDbType.Text, row.AccountPath),
            new("cost_yen", NpgsqlDbType.Bigint, row.CostYen), new("national_prefectural_yen", NpgsqlDbType.Bigint, row.NationalPrefecturalYen),
            new("local_bond_yen", NpgsqlDbType.Bigint, row.LocalBondYen), new("other_yen", NpgsqlDbType.Bigint, row.OtherYen),
            new("general_revenue_yen", NpgsqlDbType.Bigint, row.GeneralRevenueYen),
            new("deleted", NpgsqlDbType.Boolean, false), new("revision", NpgsqlDbType.Integer, line.Revision), AsOf(at),
        ], insertOnly: "deleted");
    }

    public static NpgsqlBatchCommand Application(ApplicationStatusChanged m, bool listed)
    {
        var row = new ApplicationRow { ApplicationId = m.ApplicationId };
        RecordContents.Application(row, m);
        return Upsert("subsidy_applications", ["municipality_code", "application_id"], listed,
        [
            new("municipality_code", NpgsqlDbType.Varchar, m.MunicipalityCode), new("application_id", NpgsqlDbType.Uuid, row.ApplicationId),
            new("program_id", NpgsqlDbType.Uuid, row.ProgramId), new("program_name", NpgsqlDbType.Text, row.ProgramName),
            new("course_id", NpgsqlDbType.Uuid, row.CourseId), new("course_name", NpgsqlDbType.Text, row.CourseName),
            new("fiscal_year", NpgsqlDbType.Integer, row.FiscalYear), new("round", NpgsqlDbType.Integer, row.Round),
            new("project_kind", NpgsqlDbType.Text, row.ProjectKind), new("status", NpgsqlDbType.Text, row.Status),
            new("requested_yen", NpgsqlDbType.Bigint, row.RequestedYen), new("awarded_yen", NpgsqlDbType.Bigint, row.AwardedYen),
            new("settled_yen", NpgsqlDbType.Bigint, row.SettledYen),
            new("deleted", NpgsqlDbType.Boolean, false), new("revision", NpgsqlDbType.Integer, m.Revision), AsOf(m.OccurredAt),
        ], insertOnly: "deleted");
    }
}
