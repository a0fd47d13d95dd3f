using System.Globalization;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.ServiceDefaults.Updates;

namespace Kyodo.Plan.Grpc;

/// <summary>
/// What each PlanService update RPC may change (AIP-134 update_mask paths, <see cref="UpdateRule"/>),
/// and each record as it is stored, shaped as its update request: the fields a mask leaves out are
/// taken from there, so the handler checks and applies a whole request as before.
/// </summary>
public static class PlanUpdates
{
    public static readonly UpdateRule Department = new(UpdateDepartmentRequest.Descriptor, ["name"]);

    public static readonly UpdateRule Plan = new(UpdatePlanRequest.Descriptor, ["name", "start_fiscal_year", "end_fiscal_year"]);

    public static readonly UpdateRule Node = new(UpdateNodeRequest.Descriptor, ["level_name", "code", "title", "position"]);

    public static readonly UpdateRule Item = new(UpdateItemRequest.Descriptor, ["fields.*", "placements"]);

    public static readonly UpdateRule Indicator = new(UpdateIndicatorRequest.Descriptor, ["indicator.*"], new Dictionary<string, Text>
    {
        ["indicator.targets"] = PlanErrors.TargetsByReviseTarget,
        ["indicator.actuals"] = PlanErrors.ActualsByRecordActual,
    });

    public static readonly UpdateRule PriorityGoal = new(UpdatePriorityGoalRequest.Descriptor, ["goal.*"], new Dictionary<string, Text>
    {
        ["goal.municipality_code"] = PlanErrors.GoalKeepsItsMunicipality,
    });

    public static UpdateRuleTable Table { get; } = new(PlanService.Descriptor, new Dictionary<string, UpdateRule>
    {
        [nameof(PlanService.PlanServiceBase.UpdateDepartment)] = Department,
        [nameof(PlanService.PlanServiceBase.UpdatePlan)] = Plan,
        [nameof(PlanService.PlanServiceBase.UpdateNode)] = Node,
        [nameof(PlanService.PlanServiceBase.UpdateItem)] = Item,
        [nameof(PlanService.PlanServiceBase.UpdateIndicator)] = Indicator,
        [nameof(PlanService.PlanServiceBase.UpdatePriorityGoal)] = PriorityGoal,
    }, new Dictionary<string, string>
    {
        // Their paths are inside content / settings ("necessity", "directions"), not the request's.
        [nameof(PlanService.PlanServiceBase.UpdateEvaluation)] = "UpdateMasks.Read in UpdateEvaluation (paths inside content)",
        [nameof(PlanService.PlanServiceBase.UpdateEvaluationSettings)] =
            "UpdateMasks.Read in UpdateEvaluationSettings (paths inside settings)",
    });

    internal static UpdateDepartmentRequest AsUpdate(this Domain.Department department) => new() { Name = department.Name };

    internal static UpdatePlanRequest AsUpdate(this Domain.Plan plan) => new()
    {
        Name = plan.Name,
        StartFiscalYear = plan.StartFiscalYear.ToString(CultureInfo.InvariantCulture),
        EndFiscalYear = plan.EndFiscalYear.ToString(CultureInfo.InvariantCulture),
    };

    internal static UpdateNodeRequest AsUpdate(this Domain.PlanNode node) => new()
    {
        LevelName = node.LevelName, Code = node.Code, Title = node.Title, Position = node.Position,
    };

    /// <param name="item">The item as GetItem answers it (its fields with department names).</param>
    internal static UpdateItemRequest AsUpdate(this V1.Item item)
    {
        var request = new UpdateItemRequest { Fields = item.Fields.Clone() };
        request.Placements.AddRange(
            item.Placements.Select(p => new PlacementInput { NodeId = p.NodeId, Code = p.Code, Primary = p.Primary }));
        return request;
    }

    internal static UpdateIndicatorRequest AsUpdate(this Domain.Indicator indicator) => new()
    {
        Indicator = new IndicatorInput
        {
            Kind = (V1.IndicatorKind)indicator.Kind,
            Name = indicator.Name,
            Unit = indicator.Unit,
            Direction = (V1.IndicatorDirection)indicator.Direction,
            BaselineValue = PlanMessages.Text(indicator.BaselineValue),
            BaselineFiscalYear = indicator.BaselineFiscalYear?.ToString(CultureInfo.InvariantCulture) ?? "",
        },
    };

    internal static UpdatePriorityGoalRequest AsUpdate(this Domain.PriorityGoal goal, Domain.Department department)
    {
        var input = new PriorityGoalInput
        {
            MunicipalityCode = goal.MunicipalityCode,
            Department = department.Name,
            FiscalYear = goal.FiscalYear.ToString(CultureInfo.InvariantCulture),
            Position = goal.Position,
            Title = goal.Title,
            Description = goal.Description,
        };
        input.Items.AddRange(goal.Items.OrderBy(i => i.Position).Select(i => new PriorityGoalItem
        {
            Number = i.Number, Text = i.Text, Target = i.Target, Achievement = i.Achievement,
        }));
        return new UpdatePriorityGoalRequest { Goal = input };
    }
}
