using System.Globalization;

namespace Kyodo.Printing;

/// <summary>
/// How the 事務事業評価シート words its review statuses, pending actuals and budget notes: one place
/// for the CLI (which reads the services) and reporting (which reads its read models), so the two
/// sheets print alike.
/// </summary>
public static class SheetWords
{
    /// <summary>A review's status (Draft, Submitted, Approved, Returned, as the events and enums name them).</summary>
    public static string ReviewStatus(string status) => status switch
    {
        "Draft" => "作成中",
        "Submitted" => "承認待ち",
        "Approved" => "承認済",
        "Returned" => "差戻し",
        _ => "",
    };

    /// <summary>The approved actual; a value still under review beside it in brackets, as not counted yet.</summary>
    public static string Actual(string approved, string? pendingStatus, string pendingValue) =>
        pendingStatus is null ? approved : $"{approved}（{ReviewStatus(pendingStatus)} {pendingValue}）".TrimStart();

    /// <summary>
    /// One side of a 繰越, 流用 or 予備費充用 (kind Carryover, Transfer, ReserveFund) of a line of
    /// <paramref name="fiscalYear"/> that gained <paramref name="costYen"/> (negative: gave).
    /// </summary>
    public static string BudgetNote(string kind, int fiscalYear, long costYen, string counterpart, string reason)
    {
        var label = kind switch { "Carryover" => "繰越", "Transfer" => "流用", _ => "予備費充用" };
        var direction = kind switch
        {
            "Carryover" when costYen < 0 => $"FY{fiscalYear} → FY{fiscalYear + 1}",
            "Carryover" => $"FY{fiscalYear - 1} → FY{fiscalYear}",
            "Transfer" => costYen < 0 ? $"FY{fiscalYear} から {counterpart} へ" : $"FY{fiscalYear} に {counterpart} から",
            _ => $"FY{fiscalYear}",
        };
        return $"{label} {direction}: {Math.Abs(costYen).ToString("#,0", CultureInfo.InvariantCulture)}円（{(costYen < 0 ? "減" : "増")}）　"
            + $"理由: {reason}";
    }
}
