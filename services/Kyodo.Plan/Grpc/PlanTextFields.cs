using Kyodo.Common.V1;
using Kyodo.Plan.Domain;
using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Input;
using PriorityGoalItem = Kyodo.Plan.V1.PriorityGoalItem;

namespace Kyodo.Plan.Grpc;

/// <summary>
/// Which of the domain's text rules (<see cref="PlanTexts"/>) each text field of a PlanService request
/// follows; ids, municipality codes and fiscal years follow <see cref="TextConventions"/>. Checked for
/// every call before its handler runs (RequestTextInterceptor).
/// </summary>
public static class PlanTextFields
{
    public static TextFieldTable Table { get; } = new(PlanService.Descriptor)
    {
        { MunicipalityRef.Descriptor, "name", PlanTexts.MunicipalityName },
        { CreateDepartmentRequest.Descriptor, "name", PlanTexts.DepartmentName },
        { UpdateDepartmentRequest.Descriptor, "name", PlanTexts.DepartmentName },

        { CreatePlanRequest.Descriptor, "name", PlanTexts.PlanName },
        { UpdatePlanRequest.Descriptor, "name", PlanTexts.PlanName },
        { ImportPlanRequest.Descriptor, "name", PlanTexts.PlanName },

        { CreateNodeRequest.Descriptor, "level_name", PlanTexts.NodeLevelName },
        { CreateNodeRequest.Descriptor, "code", PlanTexts.PrintedCode },
        { CreateNodeRequest.Descriptor, "title", PlanTexts.NodeTitle },
        { UpdateNodeRequest.Descriptor, "level_name", PlanTexts.NodeLevelName },
        { UpdateNodeRequest.Descriptor, "code", PlanTexts.PrintedCode },
        { UpdateNodeRequest.Descriptor, "title", PlanTexts.NodeTitle },
        { ImportNode.Descriptor, "level_name", PlanTexts.NodeLevelName },
        { ImportNode.Descriptor, "code", PlanTexts.PrintedCode },
        { ImportNode.Descriptor, "title", PlanTexts.NodeTitle },
        { ImportPlacement.Descriptor, "node_path", PlanTexts.PrintedCode },
        { ImportPlacement.Descriptor, "code", PlanTexts.PrintedCode },
        { PlacementInput.Descriptor, "code", PlanTexts.PrintedCode },

        { ItemFields.Descriptor, "title", PlanTexts.ItemTitle },
        { ItemFields.Descriptor, "departments", PlanTexts.DepartmentName },
        { ItemFields.Descriptor, "implementing_bodies", PlanTexts.ImplementingBody },
        { ItemFields.Descriptor, "target_other", PlanTexts.ItemProse },
        { ItemFields.Descriptor, "purpose", PlanTexts.ItemProse },
        { ItemFields.Descriptor, "current_state", PlanTexts.ItemProse },
        { ItemFields.Descriptor, "content", PlanTexts.ItemProse },
        { ItemFields.Descriptor, "completion_criterion", PlanTexts.ItemProse },
        { ItemFields.Descriptor, "expected_effects", PlanTexts.ItemProse },
        { ItemFields.Descriptor, "linked_plans", PlanTexts.LinkedPlan },
        { ItemFields.Descriptor, "special_notes", PlanTexts.ItemProse },
        { YearlyGoalInput.Descriptor, "text", PlanTexts.ItemProse },

        { ScheduleRowInput.Descriptor, "label", PlanTexts.ScheduleLabel },
        { ScheduleCellInput.Descriptor, "text", PlanTexts.ScheduleCell },

        { IndicatorInput.Descriptor, "name", PlanTexts.IndicatorName },
        { IndicatorInput.Descriptor, "unit", PlanTexts.IndicatorUnit },
        { IndicatorInput.Descriptor, "baseline_value", PlanTexts.DecimalText },
        { YearValueInput.Descriptor, "value", PlanTexts.DecimalText },
        { RecordActualRequest.Descriptor, "value", PlanTexts.DecimalText },
        { RecordActualRequest.Descriptor, "note", PlanTexts.Remark },
        { ReviseTargetRequest.Descriptor, "value", PlanTexts.DecimalText },
        { ReviseTargetRequest.Descriptor, "reason", PlanTexts.Remark },

        { ListItemsRequest.Descriptor, "stage", PlanTexts.StageWord },
        { ListItemsRequest.Descriptor, "text", PlanTexts.SearchText },

        { PriorityGoalInput.Descriptor, "department", PlanTexts.DepartmentName },
        { PriorityGoalInput.Descriptor, "title", PlanTexts.GoalTitle },
        { PriorityGoalInput.Descriptor, "description", PlanTexts.GoalProse },
        { PriorityGoalItem.Descriptor, "number", PlanTexts.GoalItemNumber },
        { PriorityGoalItem.Descriptor, "text", PlanTexts.GoalProse },
        { PriorityGoalItem.Descriptor, "target", PlanTexts.GoalItemTarget },
        { PriorityGoalItem.Descriptor, "achievement", PlanTexts.GoalProse },

        { V1.EvaluationSettings.Descriptor, "rating_scale", PlanTexts.EvaluationGrade },
        { V1.EvaluationSettings.Descriptor, "directions", PlanTexts.EvaluationDirection },
        { V1.EvaluationContent.Descriptor, "necessity", PlanTexts.EvaluationGrade },
        { V1.EvaluationContent.Descriptor, "effectiveness", PlanTexts.EvaluationGrade },
        { V1.EvaluationContent.Descriptor, "efficiency", PlanTexts.EvaluationGrade },
        { V1.EvaluationContent.Descriptor, "direction", PlanTexts.EvaluationDirection },
        { V1.EvaluationContent.Descriptor, "necessity_reason", PlanTexts.EvaluationReason },
        { V1.EvaluationContent.Descriptor, "effectiveness_reason", PlanTexts.EvaluationReason },
        { V1.EvaluationContent.Descriptor, "efficiency_reason", PlanTexts.EvaluationReason },
        { V1.EvaluationContent.Descriptor, "direction_reason", PlanTexts.EvaluationReason },
        { ApproveEvaluationRequest.Descriptor, "comment", PlanTexts.ReviewComment },
        { ReturnEvaluationRequest.Descriptor, "comment", PlanTexts.ReviewComment },
        { EnterActualRequest.Descriptor, "value", PlanTexts.DecimalText },
        { EnterActualRequest.Descriptor, "note", PlanTexts.Remark },
        { ApproveActualRequest.Descriptor, "comment", PlanTexts.ReviewComment },
        { ReturnActualRequest.Descriptor, "comment", PlanTexts.ReviewComment },
        { SetReportingDeadlineRequest.Descriptor, "due_date", PlanTexts.IsoDate },
        { ListOverdueActualsRequest.Descriptor, "as_of_date", PlanTexts.IsoDate },
    };
}
