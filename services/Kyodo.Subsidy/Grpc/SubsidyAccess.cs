using Kyodo.ServiceDefaults.Security;
using Kyodo.Subsidy.V1;

namespace Kyodo.Subsidy.Grpc;

/// <summary>
/// Who may call each SubsidyService method (deny by default: a method missing here is refused).
/// Admin: creating a program (the city's 交付要綱). Write: changing a program, its courses and
/// budget lines, and every step of its applications — for an editor only programs of its
/// departments, i.e. programs spending from a budget line of one of its departments — and
/// registering applicant groups (citizens' groups belong to the city, not to a department).
/// Read: everything else. Audit trails: admin.
/// </summary>
public static class SubsidyAccess
{
    public static AccessTable Table { get; } = new(SubsidyService.Descriptor.FullName, new Dictionary<string, AccessRule>
    {
        [nameof(SubsidyService.SubsidyServiceBase.CreateProgram)] =
            AccessRule.Admin.In<CreateProgramRequest>(r => r.MunicipalityCode, "municipality_code"),
        [nameof(SubsidyService.SubsidyServiceBase.GetProgram)] = AccessRule.Read,
        [nameof(SubsidyService.SubsidyServiceBase.UpdateProgram)] = AccessRule.Write,
        [nameof(SubsidyService.SubsidyServiceBase.DeleteProgram)] = AccessRule.Write,
        [nameof(SubsidyService.SubsidyServiceBase.ListPrograms)] =
            AccessRule.Read.In<ListProgramsRequest>(r => r.MunicipalityCode, "municipality_code"),
        [nameof(SubsidyService.SubsidyServiceBase.SetProgramBudgetLine)] = AccessRule.Write,

        [nameof(SubsidyService.SubsidyServiceBase.CreateCourse)] = AccessRule.Write,
        [nameof(SubsidyService.SubsidyServiceBase.UpdateCourse)] = AccessRule.Write,
        [nameof(SubsidyService.SubsidyServiceBase.DeleteCourse)] = AccessRule.Write,

        [nameof(SubsidyService.SubsidyServiceBase.RegisterApplicant)] =
            AccessRule.Write.In<RegisterApplicantRequest>(r => r.MunicipalityCode, "municipality_code"),
        [nameof(SubsidyService.SubsidyServiceBase.GetApplicant)] = AccessRule.Read,
        [nameof(SubsidyService.SubsidyServiceBase.ListApplicants)] =
            AccessRule.Read.In<ListApplicantsRequest>(r => r.MunicipalityCode, "municipality_code"),

        [nameof(SubsidyService.SubsidyServiceBase.SubmitApplication)] = AccessRule.Write,
        [nameof(SubsidyService.SubsidyServiceBase.StartReview)] = AccessRule.Write,
        [nameof(SubsidyService.SubsidyServiceBase.Award)] = AccessRule.Write,
        [nameof(SubsidyService.SubsidyServiceBase.Reject)] = AccessRule.Write,
        [nameof(SubsidyService.SubsidyServiceBase.Withdraw)] = AccessRule.Write,
        [nameof(SubsidyService.SubsidyServiceBase.ReportResults)] = AccessRule.Write,
        [nameof(SubsidyService.SubsidyServiceBase.Settle)] = AccessRule.Write,
        [nameof(SubsidyService.SubsidyServiceBase.GetApplication)] = AccessRule.Read,
        [nameof(SubsidyService.SubsidyServiceBase.ListApplications)] =
            AccessRule.Read.In<ListApplicationsRequest>(r => r.MunicipalityCode, "municipality_code"),

        // Creates or changes a whole program with its recorded history: the city's administrators' (an operator's import).
        [nameof(SubsidyService.SubsidyServiceBase.ImportProgram)] =
            AccessRule.Admin.In<ImportProgramRequest>(r => r.MunicipalityCode, "municipality_code"),

        [nameof(SubsidyService.SubsidyServiceBase.GetStatistics)] =
            AccessRule.Read.In<GetStatisticsRequest>(r => r.MunicipalityCode, "municipality_code"),

        // Who changed what, from where: staff subjects and addresses, so the municipality's administrators'.
        [nameof(SubsidyService.SubsidyServiceBase.GetAuditTrail)] =
            AccessRule.Admin.In<Kyodo.Common.V1.GetAuditTrailRequest>(r => r.MunicipalityCode, "municipality_code"),
        // Every municipality's events: the handler also refuses a caller bound to one municipality or prefecture.
        [nameof(SubsidyService.SubsidyServiceBase.ListPublishedEvents)] = AccessRule.Read,
    });
}
