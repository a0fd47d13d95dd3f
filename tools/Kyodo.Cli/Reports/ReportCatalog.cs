using Google.Protobuf;
using Google.Protobuf.Reflection;
using Kyodo.Reporting.V1;

namespace Kyodo.Cli.Reports;

/// <summary>
/// Every report kyodo.reporting.v1 offers, read from the protos rather than listed by hand: each
/// choice of ExportReportRequest's <c>report</c> oneof (department_summary, schedule_table …) is
/// a report, its message the request, and ReportingService's <c>Get</c> + its name in PascalCase
/// the RPC that answers it as a table. A report added to the proto appears here when the protos
/// are rebuilt.
/// </summary>
internal static class ReportCatalog
{
    public sealed record Entry(string Name, FieldDescriptor ExportField, MessageDescriptor Request, MethodDescriptor? Method);

    public static IReadOnlyList<Entry> All { get; } = Build();

    public static Entry? Find(string name) =>
        All.FirstOrDefault(e => e.Name == name.Replace('_', '-').ToLowerInvariant());

    private static List<Entry> Build()
    {
        var service = ReportingServiceReflection.Descriptor.Services.Single(s => s.Name == "ReportingService");
        var oneof = ExportReportRequest.Descriptor.Oneofs.Single(o => o.Name == "report");
        return oneof.Fields.Select(field =>
        {
            var method = service.FindMethodByName("Get" + Pascal(field.Name));
            // Only a method that answers a Report and takes this request can print the report as a table.
            if (method is not null && (method.InputType != field.MessageType || method.OutputType != Report.Descriptor)) method = null;
            return new Entry(field.Name.Replace('_', '-'), field, field.MessageType, method);
        }).ToList();
    }

    private static string Pascal(string snake) =>
        string.Concat(snake.Split('_').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));

    public static IMessage NewRequest(Entry entry) => entry.Request.Parser.ParseFrom(ByteString.Empty);
}
