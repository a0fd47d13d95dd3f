using Kyodo.ServiceDefaults.Input;

namespace Kyodo.Budget.Domain;

/// <summary>What each text of the budget service's records and requests may hold: all of them one line.</summary>
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
}
