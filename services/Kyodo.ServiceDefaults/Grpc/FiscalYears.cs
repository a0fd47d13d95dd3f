namespace Kyodo.ServiceDefaults.Grpc;

/// <summary>Fiscal years travel as the Gregorian year they start in (FY2019 = 2019-04-01 … 2020-03-31).</summary>
public static class FiscalYears
{
    // From 昭和元年 (1926) on: older records are not civic-collaboration plans.
    public const int Earliest = 1926;
    public const int Latest = 2100;

    public static bool IsPlausible(int year) => year is >= Earliest and <= Latest;
}
