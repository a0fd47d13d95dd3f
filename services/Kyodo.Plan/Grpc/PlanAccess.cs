using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Security;

namespace Kyodo.Plan.Grpc;

/// <summary>
/// Who may call each PlanService method (deny by default: a method missing here is refused).
/// Admin: the municipality's structure (municipality, departments, plans, nodes, import,
/// priority goals). Write: items and what hangs off them (schedules, indicators, actuals,
/// targets), for an editor only items of its departments. Read: everything else. Audit trails: admin. Methods that
/// name a municipality by code are checked here; those naming records by id in the handler.
/// </summary>
public static class PlanAccess
{
    public static AccessTable Table { get; } = new(PlanService.Descriptor.FullName, new Dictionary<string, AccessRule>
    {
        [nameof(PlanService.PlanServiceBase.UpsertMunicipality)] =
            AccessRule.Admin.In<UpsertMunicipalityRequest>(r => r.Municipality?.Code, "municipality.code"),
        // Read: a city user sees its own municipality; a system caller with kyodo.all-municipalities (the reporting rebuild) every one.
        [nameof(PlanService.PlanServiceBase.ListMunicipalities)] = AccessRule.Read,
        [nameof(PlanService.PlanServiceBase.CreateDepartment)] =
            AccessRule.Admin.In<CreateDepartmentRequest>(r => r.MunicipalityCode, "municipality_code"),
        [nameof(PlanService.PlanServiceBase.ListDepartments)] =
            AccessRule.Read.In<ListDepartmentsRequest>(r => r.MunicipalityCode, "municipality_code"),
        [nameof(PlanService.PlanServiceBase.UpdateDepartment)] = AccessRule.Admin,
        [nameof(PlanService.PlanServiceBase.DeleteDepartment)] = AccessRule.Admin,

        [nameof(PlanService.PlanServiceBase.CreatePlan)] =
            AccessRule.Admin.In<CreatePlanRequest>(r => r.Municipality?.Code, "municipality.code"),
        [nameof(PlanService.PlanServiceBase.GetPlan)] = AccessRule.Read,
        [nameof(PlanService.PlanServiceBase.UpdatePlan)] = AccessRule.Admin,
        [nameof(PlanService.PlanServiceBase.DeletePlan)] = AccessRule.Admin,
        [nameof(PlanService.PlanServiceBase.ListPlans)] =
            AccessRule.Read.In<ListPlansRequest>(r => r.MunicipalityCode, "municipality_code"),
        [nameof(PlanService.PlanServiceBase.ImportPlan)] =
            AccessRule.Admin.In<ImportPlanRequest>(r => r.Municipality?.Code, "municipality.code"),

        [nameof(PlanService.PlanServiceBase.CreateNode)] = AccessRule.Admin,
        [nameof(PlanService.PlanServiceBase.UpdateNode)] = AccessRule.Admin,
        [nameof(PlanService.PlanServiceBase.DeleteNode)] = AccessRule.Admin,
        [nameof(PlanService.PlanServiceBase.ListNodes)] = AccessRule.Read,

        [nameof(PlanService.PlanServiceBase.CreateItem)] = AccessRule.Write,
        [nameof(PlanService.PlanServiceBase.GetItem)] = AccessRule.Read,
        [nameof(PlanService.PlanServiceBase.UpdateItem)] = AccessRule.Write,
        [nameof(PlanService.PlanServiceBase.DeleteItem)] = AccessRule.Write,
        [nameof(PlanService.PlanServiceBase.ListItems)] =
            AccessRule.Read.In<ListItemsRequest>(r => r.MunicipalityCode, "municipality_code"),
        [nameof(PlanService.PlanServiceBase.GetItemHistory)] = AccessRule.Read,
        [nameof(PlanService.PlanServiceBase.SetItemSchedule)] = AccessRule.Write,

        [nameof(PlanService.PlanServiceBase.CreateIndicator)] = AccessRule.Write,
        [nameof(PlanService.PlanServiceBase.RecordActual)] = AccessRule.Write,
        [nameof(PlanService.PlanServiceBase.ReviseTarget)] = AccessRule.Write,
        [nameof(PlanService.PlanServiceBase.UpdateIndicator)] = AccessRule.Write,
        [nameof(PlanService.PlanServiceBase.DeleteIndicator)] = AccessRule.Write,

        [nameof(PlanService.PlanServiceBase.CreatePriorityGoal)] =
            AccessRule.Admin.In<CreatePriorityGoalRequest>(r => r.Goal?.MunicipalityCode, "goal.municipality_code"),
        [nameof(PlanService.PlanServiceBase.GetPriorityGoal)] = AccessRule.Read,
        [nameof(PlanService.PlanServiceBase.UpdatePriorityGoal)] = AccessRule.Admin,
        [nameof(PlanService.PlanServiceBase.DeletePriorityGoal)] = AccessRule.Admin,
        [nameof(PlanService.PlanServiceBase.ListPriorityGoals)] =
            AccessRule.Read.In<ListPriorityGoalsRequest>(r => r.MunicipalityCode, "municipality_code"),

        // The evaluation cycle. Settings are the municipality's (admin). An editor writes and submits
        // evaluations and actuals of its departments' items (the handlers check the department);
        // approving and returning is an admin's, never the author's (the handlers check the person).
        [nameof(PlanService.PlanServiceBase.GetEvaluationSettings)] =
            AccessRule.Read.In<GetEvaluationSettingsRequest>(r => r.MunicipalityCode, "municipality_code"),
        [nameof(PlanService.PlanServiceBase.UpdateEvaluationSettings)] =
            AccessRule.Admin.In<UpdateEvaluationSettingsRequest>(r => r.Settings?.MunicipalityCode, "settings.municipality_code"),
        [nameof(PlanService.PlanServiceBase.CreateEvaluation)] = AccessRule.Write,
        [nameof(PlanService.PlanServiceBase.GetEvaluation)] = AccessRule.Read,
        [nameof(PlanService.PlanServiceBase.ListEvaluations)] =
            AccessRule.Read.In<ListEvaluationsRequest>(r => r.MunicipalityCode, "municipality_code"),
        [nameof(PlanService.PlanServiceBase.UpdateEvaluation)] = AccessRule.Write,
        [nameof(PlanService.PlanServiceBase.SubmitEvaluation)] = AccessRule.Write,
        [nameof(PlanService.PlanServiceBase.ApproveEvaluation)] = AccessRule.Admin,
        [nameof(PlanService.PlanServiceBase.ReturnEvaluation)] = AccessRule.Admin,
        [nameof(PlanService.PlanServiceBase.DeleteEvaluation)] = AccessRule.Write,
        [nameof(PlanService.PlanServiceBase.EnterActual)] = AccessRule.Write,
        [nameof(PlanService.PlanServiceBase.SubmitActual)] = AccessRule.Write,
        [nameof(PlanService.PlanServiceBase.ApproveActual)] = AccessRule.Admin,
        [nameof(PlanService.PlanServiceBase.ReturnActual)] = AccessRule.Admin,
        [nameof(PlanService.PlanServiceBase.SetReportingDeadline)] = AccessRule.Admin,
        [nameof(PlanService.PlanServiceBase.ListReportingDeadlines)] = AccessRule.Read,
        [nameof(PlanService.PlanServiceBase.ListOverdueActuals)] =
            AccessRule.Read.In<ListOverdueActualsRequest>(r => r.MunicipalityCode, "municipality_code"),

        // Who changed what, from where: staff subjects and addresses, so the municipality's administrators'.
        [nameof(PlanService.PlanServiceBase.GetAuditTrail)] =
            AccessRule.Admin.In<Kyodo.Common.V1.GetAuditTrailRequest>(r => r.MunicipalityCode, "municipality_code"),
        // Every municipality's events: the handler also refuses a caller bound to one municipality or prefecture.
        [nameof(PlanService.PlanServiceBase.ListPublishedEvents)] = AccessRule.Read,
    });
}
