using Google.Protobuf.WellKnownTypes;

namespace Kyodo.Plan.Grpc;

internal static class PlanMapping
{
    public static V1.Plan ToMessage(this Domain.Plan plan) => new()
    {
        Id = plan.Id.ToString(),
        MunicipalityCode = plan.MunicipalityCode,
        Name = plan.Name,
        StartFiscalYear = plan.StartFiscalYear,
        EndFiscalYear = plan.EndFiscalYear,
        Version = plan.Version,
        CreatedAt = Timestamp.FromDateTimeOffset(plan.CreatedAt),
    };
}
