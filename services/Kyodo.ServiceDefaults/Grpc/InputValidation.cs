using System.Globalization;
using Kyodo.Japanese;
using Kyodo.ServiceDefaults.Errors;

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
            validation.Check(false, field, SharedMessages.FiscalYearRequired);
            return 0;
        }
        if (FiscalYearText.TryParse(text, out var year, out var error)) return year;
        if (error is null) validation.Check(false, field, SharedMessages.NotAFiscalYear);
        else validation.Check(false, field, error);
        return 0;
    }

    /// <summary>As <see cref="FiscalYear"/>, but an empty value means none.</summary>
    public static int? OptionalFiscalYear(this RequestValidation validation, string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : validation.FiscalYear(text, field);

    /// <summary>A decimal number written with '.' ("300", "98.5", "1,300"); records a violation when it does not read.</summary>
    public static decimal Decimal(this RequestValidation validation, string? text, string field)
    {
        var normalised = (text ?? "").Normalize(System.Text.NormalizationForm.FormKC).Replace(",", "").Trim();
        if (decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
            out var value))
            return value;
        validation.Check(false, field, string.IsNullOrWhiteSpace(text) ? SharedMessages.NumberRequired : SharedMessages.NotANumber(text));
        return 0;
    }

    public static decimal? OptionalDecimal(this RequestValidation validation, string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : validation.Decimal(text, field);
}
