using System.Globalization;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Japanese;
using Kyodo.Security;

namespace Kyodo.ServiceDefaults.Grpc;

/// <summary>Readers for the typed values requests carry as text: fiscal years, decimals.</summary>
public static class InputValidation
{
    /// <summary>
    /// A fiscal year as a Gregorian start year or an era form ("2020", "H32", "令和2年度",
    /// "令和元年度", full-width digits); records a violation and returns 0 when it does not read.
    /// </summary>
    public static int FiscalYear(this RequestValidation validation, string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            validation.Check(false, field, "is required (a fiscal year such as 2020, H32 or 令和2年度)");
            return 0;
        }
        if (FiscalYearText.TryParse(text, out var year, out var error)) return year;
        validation.Check(false, field, error ?? "is not a fiscal year");
        return 0;
    }

    /// <summary>As <see cref="FiscalYear"/>, but an empty value means none.</summary>
    public static int? OptionalFiscalYear(this RequestValidation validation, string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : validation.FiscalYear(text, field);

    /// <summary>A decimal number written with '.' ("300", "98.5", "1,300"); records a violation when it does not read.</summary>
    public static decimal Decimal(this RequestValidation validation, string? text, string field)
    {
        var normalised = (text ?? "").Normalize(System.Text.NormalizationForm.FormKC).Replace(",", "").Trim();
        if (decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        validation.Check(false, field, string.IsNullOrWhiteSpace(text) ? "is required (a number)" : $"{Echo.Of(text)} is not a number");
        return 0;
    }

    public static decimal? OptionalDecimal(this RequestValidation validation, string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : validation.Decimal(text, field);
}
