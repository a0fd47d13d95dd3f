using Google.Protobuf;
using Grpc.Core;
using Kyodo.Cli.Connection;
using Kyodo.Cli.Reports;
using Kyodo.Reporting.V1;

namespace Kyodo.Cli.Commands;

/// <summary>
/// <c>kyodo report NAME --field value … [--format table|csv|xlsx|pdf] [--out FILE]</c>: any report of
/// kyodo.reporting.v1, printed as a table or saved as the file ExportReport streams.
/// </summary>
internal static class ReportCommand
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct)
    {
        var line = CommandLine.Parse(args);
        if (line.Positional.Count == 0)
        {
            console.Out.WriteLine("reports (kyodo report NAME --field value …):");
            foreach (var entry in ReportCatalog.All)
                console.Out.WriteLine(
                    $"  {entry.Name,-20} {ReportArguments.FieldList(entry.Request)}{(entry.Method is null ? "  (csv/xlsx only)" : "")}");
            console.Out.WriteLine("shorthands: --municipality CODE, --fiscal-year Y, --plan/--department/--program NAME or id");
            return ExitCodes.Ok;
        }
        if (line.Positional.Count > 1) throw new UsageException($"one report at a time, not '{string.Join(" ", line.Positional)}'");
        var report = ReportCatalog.Find(line.Positional[0])
            ?? throw new UsageException(
                $"no report '{line.Positional[0]}'; reports: {string.Join(", ", ReportCatalog.All.Select(e => e.Name))}");
        var outPath = line.Option("out");
        var format = (line.Option("format") ?? (outPath is null ? "table" : Path.GetExtension(outPath).TrimStart('.'))).ToLowerInvariant();
        if (format is not ("table" or "csv" or "xlsx" or "pdf"))
            throw new UsageException($"--format must be table, csv, xlsx or pdf, not '{format}'");
        if (format == "table" && report.Method is null) throw new UsageException($"{report.Name} can only be saved (--format csv or xlsx)");

        using var gateway = Gateway.Open(line, console);
        var request = ReportCatalog.NewRequest(report);
        string[] known = ["out", "format", .. Gateway.OptionNames];
        foreach (var option in known) line.MarkUsed(option);
        await new ReportArguments(gateway.Invoker, ct).FillAsync(request, line.All.Where(o => !known.Contains(o.Name)));

        if (format == "table")
        {
            var answer = await CallAsync(gateway.Invoker, report, request, ct);
            TablePrinter.Print(answer, console.Out);
            return ExitCodes.Ok;
        }
        var saved = await SaveAsync(gateway.Invoker, report, request,
            format switch { "csv" => ExportFormat.Csv, "pdf" => ExportFormat.Pdf, _ => ExportFormat.Xlsx }, outPath, ct);
        console.Out.WriteLine($"saved {saved}");
        return ExitCodes.Ok;
    }

    /// <summary>The report's own RPC, called by its descriptor (every such RPC answers a Report).</summary>
    public static Task<Report> CallAsync(CallInvoker invoker, ReportCatalog.Entry report, IMessage request, CancellationToken ct)
    {
        var method = new Method<IMessage, Report>(MethodType.Unary, report.Method!.Service.FullName, report.Method.Name,
            Marshallers.Create<IMessage>(m => m.ToByteArray(), bytes => report.Request.Parser.ParseFrom(bytes)),
            Marshallers.Create(r => r.ToByteArray(), Report.Parser.ParseFrom));
        return invoker.AsyncUnaryCall(method, null, new CallOptions(cancellationToken: ct), request).ResponseAsync;
    }

    /// <summary>Streams ExportReport into <paramref name="outPath"/> (or the file name the service gives); returns the path.</summary>
    public static async Task<string> SaveAsync(CallInvoker invoker, ReportCatalog.Entry report, IMessage request, ExportFormat format,
        string? outPath, CancellationToken ct)
    {
        var export = new ExportReportRequest { Format = format };
        report.ExportField.Accessor.SetValue(export, request);
        using var call = new ReportingService.ReportingServiceClient(invoker).ExportReport(export, cancellationToken: ct);
        var temporary = (outPath ?? "kyodo-report") + ".part";
        string? path = outPath;
        try
        {
            await using var file = File.Create(temporary);
            await foreach (var chunk in call.ResponseStream.ReadAllAsync(ct))
            {
                path ??= string.IsNullOrEmpty(chunk.FileName) ? $"{report.Name}.{format.ToString().ToLowerInvariant()}"
                    : Path.GetFileName(chunk.FileName);
                chunk.Data.WriteTo(file);
            }
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        path ??= $"{report.Name}.{format.ToString().ToLowerInvariant()}";
        // Only a complete file takes the name: a broken stream leaves no half report behind.
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
