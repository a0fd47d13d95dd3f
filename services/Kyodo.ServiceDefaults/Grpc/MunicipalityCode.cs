using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.ServiceDefaults.Grpc;

/// <summary>The 5-digit local-government code (JIS X 0402 without check digit) every record carries.</summary>
public static class MunicipalityCode
{
    public static bool IsValid(string? code) =>
        code is { Length: 5 } && code.All(char.IsAsciiDigit);

    public static RequestValidation ValidMunicipalityCode(this RequestValidation validation, string? code, string field) =>
        validation.Check(IsValid(code), field, SharedMessages.NotAMunicipalityCode);
}
