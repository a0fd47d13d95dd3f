namespace Kyodo.Reporting.Reports;

/// <summary>Japanese labels the reports print.</summary>
internal static class Japanese
{
    /// <summary>FY2020 (令和2年度).</summary>
    public static string FiscalYearLabel(int year) => global::Kyodo.Japanese.FiscalYearText.Display(year);
}
