using Kyodo.Budget.V1;
using Kyodo.ServiceDefaults.Security;

namespace Kyodo.Budget.Grpc;

/// <summary>
/// Who may call each BudgetService method (deny by default: a method missing here is refused).
/// Write: lines, sheets and the money subsidies hold against them (Reserve/Commit/Release, which
/// the subsidy service calls with its caller's token) — for an editor only lines of its
/// departments (a line belongs to its item's lead department). Read: everything else. Audit trails: admin.
/// </summary>
public static class BudgetAccess
{
    public static AccessTable Table { get; } = new(BudgetService.Descriptor.FullName, new Dictionary<string, AccessRule>
    {
        [nameof(BudgetService.BudgetServiceBase.CreateBudgetLine)] =
            AccessRule.Write.In<CreateBudgetLineRequest>(r => r.MunicipalityCode, "municipality_code"),
        [nameof(BudgetService.BudgetServiceBase.GetBudgetLine)] = AccessRule.Read,
        [nameof(BudgetService.BudgetServiceBase.ReviseBudgetLine)] = AccessRule.Write,
        [nameof(BudgetService.BudgetServiceBase.DeleteBudgetLine)] = AccessRule.Write,
        [nameof(BudgetService.BudgetServiceBase.ListBudgetLines)] =
            AccessRule.Read.In<ListBudgetLinesRequest>(r => r.MunicipalityCode, "municipality_code"),
        [nameof(BudgetService.BudgetServiceBase.UpsertItemSheet)] =
            AccessRule.Write.In<UpsertItemSheetRequest>(r => r.MunicipalityCode, "municipality_code"),
        [nameof(BudgetService.BudgetServiceBase.GetBudgetTotals)] =
            AccessRule.Read.In<GetBudgetTotalsRequest>(r => r.MunicipalityCode, "municipality_code"),
        [nameof(BudgetService.BudgetServiceBase.GetBudgetLineHistory)] = AccessRule.Read,
        [nameof(BudgetService.BudgetServiceBase.Reserve)] = AccessRule.Write,
        [nameof(BudgetService.BudgetServiceBase.Commit)] = AccessRule.Write,
        [nameof(BudgetService.BudgetServiceBase.Release)] = AccessRule.Write,
        [nameof(BudgetService.BudgetServiceBase.GetReservations)] = AccessRule.Read,
        [nameof(BudgetService.BudgetServiceBase.ListReservations)] =
            AccessRule.Read.In<ListReservationsRequest>(r => r.MunicipalityCode, "municipality_code"),

        // Full cost: the unit cost is the municipality's (admin); an item's staff time is written like its budget lines.
        [nameof(BudgetService.BudgetServiceBase.SetStaffUnitCost)] =
            AccessRule.Admin.In<SetStaffUnitCostRequest>(r => r.MunicipalityCode, "municipality_code"),
        [nameof(BudgetService.BudgetServiceBase.ListStaffUnitCosts)] =
            AccessRule.Read.In<ListStaffUnitCostsRequest>(r => r.MunicipalityCode, "municipality_code"),
        [nameof(BudgetService.BudgetServiceBase.ListStaffTimes)] =
            AccessRule.Read.In<ListStaffTimesRequest>(r => r.MunicipalityCode, "municipality_code"),
        [nameof(BudgetService.BudgetServiceBase.SetStaffTime)] =
            AccessRule.Write.In<SetStaffTimeRequest>(r => r.MunicipalityCode, "municipality_code"),
        [nameof(BudgetService.BudgetServiceBase.GetFullCost)] =
            AccessRule.Read.In<GetFullCostRequest>(r => r.MunicipalityCode, "municipality_code"),

        // Who changed what, from where: staff subjects and addresses, so the municipality's administrators'.
        [nameof(BudgetService.BudgetServiceBase.GetAuditTrail)] =
            AccessRule.Admin.In<Kyodo.Common.V1.GetAuditTrailRequest>(r => r.MunicipalityCode, "municipality_code"),
        // Every municipality's events: the handler also refuses a caller bound to one municipality or prefecture.
        [nameof(BudgetService.BudgetServiceBase.ListPublishedEvents)] = AccessRule.Read,
    });
}
