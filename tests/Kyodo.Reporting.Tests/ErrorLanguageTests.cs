using Grpc.Core;
using Kyodo.Reporting.V1;
using Kyodo.Testing;

namespace Kyodo.Reporting.Tests;

// The reporting service's own refusals in the language the caller's accept-language asks for,
// under the proto's field names in both.
public sealed class ErrorLanguageTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    [Fact]
    public async Task ATrendWithoutASubjectAndWithYearsBackwardsNamesBothFieldsInJapaneseOrEnglishAsAsked()
    {
        var request = new TrendRequest { MunicipalityCode = "20208", FiscalYearFrom = 2021, FiscalYearTo = 2020 };

        var japanese = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => fixture.Client.GetTrendAsync(request, new Metadata { { "accept-language", "ja" } }).ResponseAsync);
        var english = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => fixture.Client.GetTrendAsync(request, new Metadata { { "accept-language", "en" } }).ResponseAsync);

        Assert.Equal(new Dictionary<string, string>
        {
            ["subject"] = "必須です（indicator_id、item_id、subsidy_program_id または account_path）",
            ["fiscal_year_to"] = "0、または fiscal_year_from 以降の年度にしてください",
        }, RpcAssert.FieldViolations(japanese));
        Assert.Equal(new Dictionary<string, string>
        {
            ["subject"] = "is required: indicator_id, item_id, subsidy_program_id or account_path",
            ["fiscal_year_to"] = "must be 0 or a fiscal year not before fiscal_year_from",
        }, RpcAssert.FieldViolations(english));
    }
}
