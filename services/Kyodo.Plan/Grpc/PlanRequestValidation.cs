using Kyodo.Plan.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;

namespace Kyodo.Plan.Grpc;

internal static class PlanRequestValidation
{
    public static void Validate(CreatePlanRequest request)
    {
        var validation = new RequestValidation()
            .ValidMunicipalityCode(request.Municipality?.Code, "municipality.code")
            .Required(request.Name, "name")
            .MaxLength(request.Name, 200, "name")
            .Check(FiscalYears.IsPlausible(request.StartFiscalYear), "start_fiscal_year", FiscalYears.PlausibleRange)
            .Check(FiscalYears.IsPlausible(request.EndFiscalYear), "end_fiscal_year", FiscalYears.PlausibleRange)
            .Check(request.EndFiscalYear >= request.StartFiscalYear, "end_fiscal_year",
                $"must not be before start_fiscal_year ({request.StartFiscalYear})");
        validation.ThrowIfInvalid();
    }
}
