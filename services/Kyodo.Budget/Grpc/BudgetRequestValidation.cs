using Kyodo.Budget.Domain;
using Kyodo.Budget.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;

namespace Kyodo.Budget.Grpc;

internal static class BudgetRequestValidation
{
    public static void Validate(CreateBudgetLineRequest request)
    {
        var validation = new RequestValidation()
            .ValidMunicipalityCode(request.MunicipalityCode, "municipality_code")
            .Required(request.ItemId, "item_id")
            .MaxLength(request.ItemId, 100, "item_id")
            .Check(FiscalYears.IsPlausible(request.FiscalYear), "fiscal_year", FiscalYears.PlausibleRange)
            .Check(request.Funding is not null, "funding", "is required");

        if (request.Funding is { } f)
        {
            validation
                .Check(f.CostYen >= 0, "funding.cost_yen", "must not be negative")
                .Check(f.NationalPrefecturalYen >= 0, "funding.national_prefectural_yen", "must not be negative")
                .Check(f.LocalBondYen >= 0, "funding.local_bond_yen", "must not be negative")
                .Check(f.OtherYen >= 0, "funding.other_yen", "must not be negative")
                .Check(f.GeneralRevenueYen >= 0, "funding.general_revenue_yen", "must not be negative");
            var sum = Funding.SumOfSources(f.NationalPrefecturalYen, f.LocalBondYen, f.OtherYen, f.GeneralRevenueYen);
            validation.Check(sum == f.CostYen, "funding.cost_yen", sum is null
                ? "the funding sources add up to more than a 64-bit yen amount"
                : $"事業費 {f.CostYen:N0} yen must equal the sum of the funding sources {sum:N0} yen (difference {f.CostYen - sum:N0} yen)");
        }
        validation.ThrowIfInvalid();
    }
}
