using Kyodo.Budget.Domain;
using Kyodo.Budget.V1;
using Kyodo.Japanese;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;

namespace Kyodo.Budget.Grpc;

/// <summary>Reads the budget parts of requests into domain values, recording every bad field.</summary>
internal static class BudgetInputs
{
    /// <summary>A caller's idempotency key: required, at most 200 characters.</summary>
    public static void ValidateIdempotencyKey(RequestValidation v, string key) =>
        v.Required(key, "idempotency_key").MaxLength(key, 200, "idempotency_key");

    public static Domain.Funding? ReadFunding(FundingBreakdown? f, RequestValidation v, string path)
    {
        if (f is null)
        {
            v.Check(false, path, SharedMessages.Required);
            return null;
        }
        return Check(f.CostYen, f.NationalPrefecturalYen, f.LocalBondYen, f.OtherYen, f.GeneralRevenueYen, v, path);
    }

    /// <summary>One year of a sheet, amounts as printed ("7,320千円"); every bad amount is reported.</summary>
    public static Domain.Funding? ReadSheetYear(SheetYear year, RequestValidation v, string path)
    {
        long Amount(string text, string field)
        {
            if (YenText.TryParse(text, out var yen, out var error)) return yen;
            v.Check(false, $"{path}.{field}", BudgetErrors.NotAnAmountOfYen(error));
            return 0;
        }
        var cost = Amount(year.Cost, "cost");
        var national = Amount(year.NationalPrefectural, "national_prefectural");
        var bond = Amount(year.LocalBond, "local_bond");
        var other = Amount(year.Other, "other");
        var general = Amount(year.GeneralRevenue, "general_revenue");
        return v.IsValid ? Check(cost, national, bond, other, general, v, path) : null;
    }

    private static Domain.Funding? Check(long cost, long national, long bond, long other, long general, RequestValidation v, string path)
    {
        var valid = v.IsValid;
        v.Check(cost >= 0, $"{path}.cost_yen", SharedMessages.MustNotBeNegative)
            .Check(national >= 0, $"{path}.national_prefectural_yen", SharedMessages.MustNotBeNegative)
            .Check(bond >= 0, $"{path}.local_bond_yen", SharedMessages.MustNotBeNegative)
            .Check(other >= 0, $"{path}.other_yen", SharedMessages.MustNotBeNegative)
            .Check(general >= 0, $"{path}.general_revenue_yen", SharedMessages.MustNotBeNegative);
        var sum = Domain.Funding.SumOfSources(national, bond, other, general);
        v.Check(sum == cost, $"{path}.cost_yen",
            sum is null ? BudgetErrors.SourcesOverflow : BudgetErrors.CostIsNotSumOfSources(cost, sum.Value));
        return valid && v.IsValid ? new Domain.Funding(cost, national, bond, other, general) : null;
    }

    public static Domain.AccountClassification? ReadAccount(V1.AccountClassification? a, RequestValidation v, string path)
    {
        if (a is null) return null;
        (string, string) Level(AccountLevel? level, string name)
        {
            v.MaxLength(level?.Number, 20, $"{path}.{name}.number").MaxLength(level?.Name, 100, $"{path}.{name}.name");
            return ((level?.Number ?? "").Trim(), (level?.Name ?? "").Trim());
        }
        var (accountNumber, accountName) = Level(a.Account, "account");
        var (sectionNumber, sectionName) = Level(a.Section, "section");
        var (itemNumber, itemName) = Level(a.Item, "item");
        var (subitemNumber, subitemName) = Level(a.Subitem, "subitem");
        return new Domain.AccountClassification(accountNumber, accountName, sectionNumber, sectionName, itemNumber, itemName, subitemNumber,
            subitemName);
    }

    /// <param name="adjustmentsAllowed">
    /// Whether 繰越・流用・予備費充用 may be asked (ReviseBudgetLine); a line is created and a sheet written
    /// at 当初, 補正 or 決算 only: an adjustment moves money a line already has.
    /// </param>
    public static StagePoint ReadStage(V1.BudgetStage stage, int supplementaryNumber, RequestValidation v, string path,
        bool adjustmentsAllowed = false)
    {
        v.Check(Enum.IsDefined(stage), $"{path}stage", SharedMessages.NotAValueOf("BudgetStage"));
        var domainStage = stage == V1.BudgetStage.Unspecified ? Domain.BudgetStage.Initial : (Domain.BudgetStage)stage;
        if (domainStage.IsAdjustment() && !adjustmentsAllowed)
            v.Check(false, $"{path}stage", BudgetErrors.AdjustmentNotAStageToWrite(domainStage.Japanese()));
        if (domainStage == Domain.BudgetStage.Supplementary)
            v.Check(supplementaryNumber >= 1, $"{path}supplementary_number", BudgetErrors.SupplementaryNumberRequired);
        else
            v.Check(supplementaryNumber == 0, $"{path}supplementary_number", BudgetErrors.SupplementaryNumberOnlyForSupplementary);
        return new StagePoint(domainStage, domainStage == Domain.BudgetStage.Supplementary ? supplementaryNumber : 0);
    }

    public static int ReadFiscalYear(int year, RequestValidation v, string field)
    {
        v.Check(FiscalYears.IsPlausible(year), field, SharedMessages.PlausibleFiscalYear);
        return year;
    }
}
