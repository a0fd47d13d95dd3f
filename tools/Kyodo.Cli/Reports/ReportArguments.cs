using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Kyodo.Japanese;
using Kyodo.Plan.V1;
using Kyodo.Subsidy.V1;

namespace Kyodo.Cli.Reports;

/// <summary>
/// Fills a report's request from <c>--field value</c> options, generically by the proto's field
/// names (<c>--fiscal-year-from 2019</c> sets fiscal_year_from), with shorthands people use:
/// <c>--municipality</c> for municipality_code, <c>--fiscal-year Y</c> for from = to = Y (or one
/// of fiscal_years), and <c>--plan</c>, <c>--department</c>, <c>--program</c> by name or id.
/// Fiscal years may be written as documents write them (令和元年度, H31).
/// </summary>
internal sealed class ReportArguments(CallInvoker invoker, CancellationToken ct)
{
    private static readonly Dictionary<string, string> Shorthands = new()
    {
        ["municipality"] = "municipality_code",
        ["plan"] = "plan_id",
        ["department"] = "department_id",
        ["item"] = "item_id",
        ["indicator"] = "indicator_ids",
        ["program"] = "subsidy_program_id",
    };

    public async Task FillAsync(IMessage request, IEnumerable<(string Name, string Value)> options)
    {
        var descriptor = request.Descriptor;
        var given = options.ToList();
        // municipality first: names of plans and departments are looked up within it.
        foreach (var (name, value) in given.OrderBy(o => o.Name == "municipality" || o.Name == "municipality-code" ? 0 : 1))
        {
            var fieldName = name.Replace('-', '_');
            if (fieldName == "fiscal_year")
            {
                var year = ParseYear(name, value);
                if (descriptor.FindFieldByName("fiscal_years") is { } years) { Add(request, years, year); continue; }
                if (descriptor.FindFieldByName("fiscal_year_from") is { } from && descriptor.FindFieldByName("fiscal_year_to") is { } to)
                {
                    from.Accessor.SetValue(request, year);
                    to.Accessor.SetValue(request, year);
                    continue;
                }
            }
            var field = descriptor.FindFieldByName(fieldName)
                ?? (Shorthands.TryGetValue(fieldName, out var full) ? descriptor.FindFieldByName(full) : null)
                ?? throw new UsageException($"--{name} is not a field of {descriptor.Name} (fields: {FieldList(descriptor)})");
            foreach (var part in field.IsRepeated ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : [value])
            {
                object converted = field.FieldType switch
                {
                    FieldType.String => await ResolveAsync(request, field, part),
                    FieldType.Int32 when field.Name.Contains("fiscal_year") => ParseYear(name, part),
                    FieldType.Int32 => int.TryParse(part, out var i) ? i : throw new UsageException($"--{name} must be a whole number"),
                    FieldType.Double => double.TryParse(part, System.Globalization.CultureInfo.InvariantCulture, out var d)
                        ? d : throw new UsageException($"--{name} must be a number"),
                    _ => throw new UsageException($"--{name}: fields of type {field.FieldType} cannot be given on the command line"),
                };
                if (field.IsRepeated) Add(request, field, converted);
                else field.Accessor.SetValue(request, converted);
            }
        }
    }

    public static string FieldList(MessageDescriptor descriptor) =>
        string.Join(", ", descriptor.Fields.InDeclarationOrder().Select(f => "--" + f.Name.Replace('_', '-')));

    private static void Add(IMessage request, FieldDescriptor field, object value) =>
        ((System.Collections.IList)field.Accessor.GetValue(request)).Add(value);

    private static int ParseYear(string option, string text) =>
        FiscalYearText.TryParse(text, out var year, out var error) ? year : throw new UsageException($"--{option}: {error.English}");

    /// <summary>Ids pass as they are; a plan, department or program given by name is looked up in the municipality.</summary>
    private async Task<string> ResolveAsync(IMessage request, FieldDescriptor field, string value)
    {
        if (!field.Name.EndsWith("_id", StringComparison.Ordinal) || Guid.TryParse(value, out _)) return value;
        var municipality = request.Descriptor.FindFieldByName("municipality_code")?.Accessor.GetValue(request) as string;
        if (string.IsNullOrEmpty(municipality))
            throw new UsageException($"--{field.Name.Replace('_', '-')} '{value}' is a name: give --municipality too, or an id");
        var candidates = field.Name switch
        {
            "plan_id" => (await new PlanService.PlanServiceClient(invoker).ListPlansAsync(
                new ListPlansRequest { MunicipalityCode = municipality }, cancellationToken: ct)).Plans.Select(p => (p.Id, p.Name)),
            "department_id" => (await new PlanService.PlanServiceClient(invoker).ListDepartmentsAsync(
                new ListDepartmentsRequest { MunicipalityCode = municipality }, cancellationToken: ct)).Departments.Select(
                    d => (d.Id, d.Name)),
            "subsidy_program_id" => (await new SubsidyService.SubsidyServiceClient(invoker).ListProgramsAsync(
                new ListProgramsRequest { MunicipalityCode = municipality }, cancellationToken: ct)).Programs.Select(p => (p.Id, p.Name)),
            _ => throw new UsageException($"--{field.Name.Replace('_', '-')} must be an id"),
        };
        var matches = candidates.Where(c => c.Name == value).ToList();
        return matches.Count switch
        {
            1 => matches[0].Id,
            0 => throw new DataException($"no {field.Name[..^3].Replace('_', ' ')} named '{value}' in municipality {municipality}"),
            _ => throw new DataException($"{matches.Count} of municipality {municipality} are named '{value}': give the id"),
        };
    }
}
