using Kyodo.Reporting.V1;
using Kyodo.ServiceDefaults.Input;

namespace Kyodo.Reporting.Grpc;

/// <summary>
/// The text fields of ReportingService requests beyond ids, municipality codes and fiscal years
/// (<see cref="TextConventions"/>): an account path, 会計/款/項/目 joined by '/', one line.
/// </summary>
public static class ReportingTextFields
{
    public static readonly TextRule AccountPath = TextRule.Line(500);

    public static TextFieldTable Table { get; } = new(ReportingService.Descriptor)
    {
        { TrendRequest.Descriptor, "account_path", AccountPath },
    };
}
