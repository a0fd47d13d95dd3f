using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.ServiceDefaults.Grpc;

/// <summary>The 5-digit local-government code (JIS X 0402 without check digit) every record carries.</summary>
public static class MunicipalityCode
{
    public static bool IsValid(string? code) =>
        code is { Length: 5 } && code.All(char.IsAsciiDigit);

    /// <summary>A prefecture's code as the first two digits of its municipalities' codes: 01 (北海道) to 47 (沖縄県).</summary>
    public static bool IsPrefecture(string? code) =>
        code is { Length: 2 } && code.All(char.IsAsciiDigit)
            && int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 47;

    /// <summary>The prefecture a municipality belongs to: the first two digits of its code.</summary>
    public static string PrefectureOf(string code) => code[..2];

    public static RequestValidation ValidMunicipalityCode(this RequestValidation validation, string? code, string field) =>
        validation.Check(IsValid(code), field, SharedMessages.NotAMunicipalityCode);
}
