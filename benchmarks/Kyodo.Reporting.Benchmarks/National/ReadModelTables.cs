using Kyodo.Reporting.ReadModels;
using NpgsqlTypes;

namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>The read-model tables as COPY targets, column by column as the reporting migrations create them.</summary>
public static class ReadModelTables
{
    private static CopyColumn<T> C<T, TValue>(string name, NpgsqlDbType type, Func<T, TValue> value) => CopyColumn<T>.Of(name, type, value);

    private static CopyColumn<T>[] Versioned<T>(params CopyColumn<T>[] own) where T : VersionedRow =>
    [
        C<T, string>("municipality_code", NpgsqlDbType.Varchar, r => r.MunicipalityCode), .. own,
        C<T, int>("revision", NpgsqlDbType.Integer, r => r.Revision), C<T, bool>("deleted", NpgsqlDbType.Boolean, r => r.Deleted),
        C<T, DateTimeOffset>("as_of", NpgsqlDbType.TimestampTz, r => r.AsOf),
    ];

    private const NpgsqlDbType Uuid = NpgsqlDbType.Uuid, Text = NpgsqlDbType.Text, Int = NpgsqlDbType.Integer, Long = NpgsqlDbType.Bigint,
        Texts = NpgsqlDbType.Array | NpgsqlDbType.Text, Code = NpgsqlDbType.Varchar, Bool = NpgsqlDbType.Boolean,
        Numeric = NpgsqlDbType.Numeric;

    public static readonly CopyTable<PlanRow> Plans = new("plans", Versioned<PlanRow>(
        C<PlanRow, Guid>("plan_id", Uuid, r => r.PlanId), C<PlanRow, string>("name", Text, r => r.Name),
        C<PlanRow, int>("start_fiscal_year", Int, r => r.StartFiscalYear), C<PlanRow, int>("end_fiscal_year", Int, r => r.EndFiscalYear)));

    public static readonly CopyTable<DepartmentRow> Departments = new("departments", Versioned<DepartmentRow>(
        C<DepartmentRow, Guid>("department_id", Uuid, r => r.DepartmentId), C<DepartmentRow, string>("name", Text, r => r.Name)));

    public static readonly CopyTable<NodeRow> Nodes = new("plan_nodes", Versioned<NodeRow>(
        C<NodeRow, Guid>("node_id", Uuid, r => r.NodeId), C<NodeRow, Guid>("plan_id", Uuid, r => r.PlanId),
        C<NodeRow, Guid?>("parent_id", Uuid, r => r.ParentId),
        C<NodeRow, string>("level_name", Text, r => r.LevelName), C<NodeRow, string>("code", Text, r => r.Code),
        C<NodeRow, string>("title", Text, r => r.Title), C<NodeRow, int>("position", Int, r => r.Position)));

    // Declared before Items, which is built from it (static fields initialise in order).
    private static readonly CopyTable<ItemRow> ItemRows = new("items", Versioned<ItemRow>(
        C<ItemRow, Guid>("item_id", Uuid, r => r.ItemId), C<ItemRow, Guid>("plan_id", Uuid, r => r.PlanId),
        C<ItemRow, Guid?>("lead_department_id", Uuid, r => r.LeadDepartmentId),
        C<ItemRow, Guid?>("primary_node_id", Uuid, r => r.PrimaryNodeId),
        C<ItemRow, string>("title", Text, r => r.Title), C<ItemRow, string>("novelty", Text, r => r.Novelty),
        C<ItemRow, string[]>("implementing_bodies", Texts, r => [.. r.ImplementingBodies]),
        C<ItemRow, string[]>("target_stakeholders", Texts, r => [.. r.TargetStakeholders]),
        C<ItemRow, string>("target_other", Text, r => r.TargetOther), C<ItemRow, string>("purpose", Text, r => r.Purpose),
        C<ItemRow, string>("current_state", Text, r => r.CurrentState), C<ItemRow, string>("content", Text, r => r.Content),
        C<ItemRow, string>("completion_criterion", Text, r => r.CompletionCriterion),
        C<ItemRow, string>("expected_effects", Text, r => r.ExpectedEffects),
        C<ItemRow, int?>("rank", Int, r => r.Rank), C<ItemRow, int?>("rank_of", Int, r => r.RankOf),
        C<ItemRow, string>("mayoral_pledge", Text, r => r.MayoralPledge),
        C<ItemRow, string[]>("linked_plans", Texts, r => [.. r.LinkedPlans]),
        C<ItemRow, string>("special_notes", Text, r => r.SpecialNotes)));

    /// <summary>An item's row and its content digests (ItemWrite.Digests), which the item statements keep in columns of their own.
    /// </summary>
    public static readonly CopyTable<(ItemRow Row, Guid[] Digests)> Items = ItemRows.Of<(ItemRow Row, Guid[] Digests)>(x => x.Row,
        C<(ItemRow Row, Guid[] Digests), Guid[]>("content_digests", NpgsqlDbType.Array | Uuid, x => x.Digests));

    public static readonly CopyTable<ItemDepartmentRow> ItemDepartments = new("item_departments",
        C<ItemDepartmentRow, string>("municipality_code", Code, r => r.MunicipalityCode),
        C<ItemDepartmentRow, Guid>("item_id", Uuid, r => r.ItemId),
        C<ItemDepartmentRow, int>("position", Int, r => r.Position), C<ItemDepartmentRow, Guid>("department_id", Uuid, r => r.DepartmentId),
        C<ItemDepartmentRow, string>("name", Text, r => r.Name));

    public static readonly CopyTable<PlacementRow> Placements = new("item_placements",
        C<PlacementRow, string>("municipality_code", Code, r => r.MunicipalityCode), C<PlacementRow, Guid>("item_id", Uuid, r => r.ItemId),
        C<PlacementRow, int>("position", Int, r => r.Position), C<PlacementRow, Guid>("node_id", Uuid, r => r.NodeId),
        C<PlacementRow, string>("code", Text, r => r.Code),
        C<PlacementRow, bool>("is_primary", Bool, r => r.IsPrimary), C<PlacementRow, string>("reference", Text, r => r.Reference));

    public static readonly CopyTable<ScheduleCellRow> ScheduleCells = new("item_schedule_cells",
        C<ScheduleCellRow, string>("municipality_code", Code, r => r.MunicipalityCode),
        C<ScheduleCellRow, Guid>("item_id", Uuid, r => r.ItemId),
        C<ScheduleCellRow, int>("fiscal_year", Int, r => r.FiscalYear), C<ScheduleCellRow, int>("row", Int, r => r.Row),
        C<ScheduleCellRow, string>("row_label", Text, r => r.RowLabel), C<ScheduleCellRow, string[]>("stages", Texts, r => [.. r.Stages]));

    public static readonly CopyTable<IndicatorRow> Indicators = new("indicators",
        C<IndicatorRow, string>("municipality_code", Code, r => r.MunicipalityCode),
        C<IndicatorRow, Guid>("indicator_id", Uuid, r => r.IndicatorId),
        C<IndicatorRow, Guid>("item_id", Uuid, r => r.ItemId), C<IndicatorRow, int>("position", Int, r => r.Position),
        C<IndicatorRow, string>("kind", Text, r => r.Kind),
        C<IndicatorRow, string>("name", Text, r => r.Name), C<IndicatorRow, string>("unit", Text, r => r.Unit),
        C<IndicatorRow, string>("direction", Text, r => r.Direction),
        C<IndicatorRow, decimal?>("baseline_value", Numeric, r => r.BaselineValue),
        C<IndicatorRow, int?>("baseline_fiscal_year", Int, r => r.BaselineFiscalYear));

    public static readonly CopyTable<IndicatorValueRow> IndicatorValues = new("indicator_values",
        C<IndicatorValueRow, string>("municipality_code", Code, r => r.MunicipalityCode),
        C<IndicatorValueRow, Guid>("item_id", Uuid, r => r.ItemId),
        C<IndicatorValueRow, Guid>("indicator_id", Uuid, r => r.IndicatorId),
        C<IndicatorValueRow, int>("fiscal_year", Int, r => r.FiscalYear), C<IndicatorValueRow, string>("direction", Text, r => r.Direction),
        C<IndicatorValueRow, decimal?>("target", Numeric, r => r.Target), C<IndicatorValueRow, decimal?>("actual", Numeric, r => r.Actual));

    public static readonly CopyTable<BudgetLineRow> BudgetLines = new("budget_lines", Versioned<BudgetLineRow>(
        C<BudgetLineRow, Guid>("budget_line_id", Uuid, r => r.BudgetLineId), C<BudgetLineRow, Guid>("item_id", Uuid, r => r.ItemId),
        C<BudgetLineRow, string>("item_title", Text, r => r.ItemTitle), C<BudgetLineRow, Guid?>("department_id", Uuid, r => r.DepartmentId),
        C<BudgetLineRow, string>("department_name", Text, r => r.DepartmentName),
        C<BudgetLineRow, int>("fiscal_year", Int, r => r.FiscalYear),
        C<BudgetLineRow, string>("stage", Text, r => r.Stage),
        C<BudgetLineRow, int>("supplementary_number", Int, r => r.SupplementaryNumber),
        C<BudgetLineRow, string>("account_path", Text, r => r.AccountPath), C<BudgetLineRow, long>("cost_yen", Long, r => r.CostYen),
        C<BudgetLineRow, long>("national_prefectural_yen", Long, r => r.NationalPrefecturalYen),
        C<BudgetLineRow, long>("local_bond_yen", Long, r => r.LocalBondYen),
        C<BudgetLineRow, long>("other_yen", Long, r => r.OtherYen),
        C<BudgetLineRow, long>("general_revenue_yen", Long, r => r.GeneralRevenueYen)));

    public static readonly CopyTable<ReservationRow> Reservations = new("reservations", Versioned<ReservationRow>(
        C<ReservationRow, Guid>("reservation_id", Uuid, r => r.ReservationId),
        C<ReservationRow, Guid>("budget_line_id", Uuid, r => r.BudgetLineId),
        C<ReservationRow, string>("purpose", Text, r => r.Purpose), C<ReservationRow, long>("amount_yen", Long, r => r.AmountYen),
        C<ReservationRow, long>("committed_yen", Long, r => r.CommittedYen),
        C<ReservationRow, long>("released_yen", Long, r => r.ReleasedYen), C<ReservationRow, string>("state", Text, r => r.State)));

    public static readonly CopyTable<SubsidyProgramRow> Programs = new("subsidy_programs", Versioned<SubsidyProgramRow>(
        C<SubsidyProgramRow, Guid>("program_id", Uuid, r => r.ProgramId), C<SubsidyProgramRow, string>("name", Text, r => r.Name),
        C<SubsidyProgramRow, string>("description", Text, r => r.Description)));

    public static readonly CopyTable<CourseRow> Courses = new("subsidy_courses",
        C<CourseRow, string>("municipality_code", Code, r => r.MunicipalityCode), C<CourseRow, Guid>("course_id", Uuid, r => r.CourseId),
        C<CourseRow, Guid>("program_id", Uuid, r => r.ProgramId), C<CourseRow, int>("position", Int, r => r.Position),
        C<CourseRow, string>("name", Text, r => r.Name),
        C<CourseRow, long>("cap_yen", Long, r => r.CapYen), C<CourseRow, bool>("once_per_applicant", Bool, r => r.OncePerApplicant),
        C<CourseRow, int>("rounds_per_year", Int, r => r.RoundsPerYear));

    public static readonly CopyTable<ProgramLineRow> ProgramLines = new("program_budget_lines",
        C<ProgramLineRow, string>("municipality_code", Code, r => r.MunicipalityCode),
        C<ProgramLineRow, Guid>("program_id", Uuid, r => r.ProgramId),
        C<ProgramLineRow, int>("fiscal_year", Int, r => r.FiscalYear),
        C<ProgramLineRow, Guid>("budget_line_id", Uuid, r => r.BudgetLineId));

    public static readonly CopyTable<ApplicationRow> Applications = new("subsidy_applications", Versioned<ApplicationRow>(
        C<ApplicationRow, Guid>("application_id", Uuid, r => r.ApplicationId),
        C<ApplicationRow, Guid>("program_id", Uuid, r => r.ProgramId),
        C<ApplicationRow, string>("program_name", Text, r => r.ProgramName), C<ApplicationRow, Guid>("course_id", Uuid, r => r.CourseId),
        C<ApplicationRow, string>("course_name", Text, r => r.CourseName), C<ApplicationRow, int>("fiscal_year", Int, r => r.FiscalYear),
        C<ApplicationRow, int?>("round", Int, r => r.Round), C<ApplicationRow, string>("project_kind", Text, r => r.ProjectKind),
        C<ApplicationRow, string>("status", Text, r => r.Status), C<ApplicationRow, long?>("requested_yen", Long, r => r.RequestedYen),
        C<ApplicationRow, long>("awarded_yen", Long, r => r.AwardedYen), C<ApplicationRow, long>("settled_yen", Long, r => r.SettledYen)));
}
