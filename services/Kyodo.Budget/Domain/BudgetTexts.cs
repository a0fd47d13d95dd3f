using Kyodo.ServiceDefaults.Input;

namespace Kyodo.Budget.Domain;

/// <summary>What each text of the budget service's records and requests may hold: one line, but for an adjustment's reason.</summary>
public static class BudgetTexts
{
    /// <summary>A level of 会計・款・項・目: its printed number ("2") and its name ("総務費").</summary>
    public static readonly TextRule AccountNumber = TextRule.Line(20);
    public static readonly TextRule AccountName = TextRule.Line(100);

    /// <summary>An amount as a sheet prints it: "7,320千円", "4,576万円".</summary>
    public static readonly TextRule PrintedAmount = TextRule.Line(50);

    /// <summary>A caller's key that makes a reservation's write idempotent.</summary>
    public static readonly TextRule IdempotencyKey = TextRule.Line(200);

    /// <summary>What a reservation is for.</summary>
    public static readonly TextRule ReservationPurpose = TextRule.Line(300);

    /// <summary>Why 繰越, 流用 or 予備費充用: a reason as a 決算書 note gives it, possibly in several lines.</summary>
    public static readonly TextRule AdjustmentReason = TextRule.Lines(2_000);

    /// <summary>Staff time (人工) as a decimal string: "0.8", "1.25".</summary>
    public static readonly TextRule PersonYears = TextRule.Line(20);
}
