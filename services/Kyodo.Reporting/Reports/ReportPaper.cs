using Kyodo.Reporting.V1;

namespace Kyodo.Reporting.Reports;

/// <summary>The paper a report is printed on (landscape): as asked, else A3 for a table wider than <see cref="A4Columns"/> columns (the
/// department summary), else A4.</summary>
internal static class ReportPaper
{
    public const int A4Columns = 12;

    public static Printing.Paper For(Report report, PaperSize requested) => requested switch
    {
        PaperSize.A3 => Printing.Paper.A3,
        PaperSize.A4 => Printing.Paper.A4,
        _ => report.Tables.Any(t => t.Columns.Count > A4Columns) ? Printing.Paper.A3 : Printing.Paper.A4,
    };
}
