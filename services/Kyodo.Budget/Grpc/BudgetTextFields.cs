using Kyodo.Budget.Domain;
using Kyodo.Budget.V1;
using Kyodo.ServiceDefaults.Input;

namespace Kyodo.Budget.Grpc;

/// <summary>
/// Which of the domain's text rules (<see cref="BudgetTexts"/>) each text field of a BudgetService
/// request follows; ids, municipality codes and fiscal years follow <see cref="TextConventions"/>.
/// </summary>
public static class BudgetTextFields
{
    public static TextFieldTable Table { get; } = new(BudgetService.Descriptor)
    {
        { AccountLevel.Descriptor, "number", BudgetTexts.AccountNumber },
        { AccountLevel.Descriptor, "name", BudgetTexts.AccountName },
        { SheetYear.Descriptor, "cost", BudgetTexts.PrintedAmount },
        { SheetYear.Descriptor, "national_prefectural", BudgetTexts.PrintedAmount },
        { SheetYear.Descriptor, "local_bond", BudgetTexts.PrintedAmount },
        { SheetYear.Descriptor, "other", BudgetTexts.PrintedAmount },
        { SheetYear.Descriptor, "general_revenue", BudgetTexts.PrintedAmount },
        { ReserveRequest.Descriptor, "idempotency_key", BudgetTexts.IdempotencyKey },
        { ReserveRequest.Descriptor, "purpose", BudgetTexts.ReservationPurpose },
        { CommitRequest.Descriptor, "idempotency_key", BudgetTexts.IdempotencyKey },
        { ReleaseRequest.Descriptor, "idempotency_key", BudgetTexts.IdempotencyKey },
        { ReviseBudgetLineRequest.Descriptor, "reason", BudgetTexts.AdjustmentReason },
        { SetStaffTimeRequest.Descriptor, "person_years", BudgetTexts.PersonYears },
    };
}
