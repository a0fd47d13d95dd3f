using Google.Rpc;
using Grpc.Core;

namespace Kyodo.Cli.Import;

/// <summary>
/// A service's refusal (or failure) of a call made for one part of a seed document, with the
/// file and line that part came from: printed as <c>file:line:1: status: message</c> like the
/// checks' problems, and ending the command with the exit code of <see cref="Rpc"/>.
/// </summary>
internal sealed class ImportRefusal(string file, int line, RpcException rpc) : Exception(rpc.Status.Detail, rpc)
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public RpcException Rpc { get; } = rpc;
}

/// <summary>
/// Where in the document a call's failure belongs: the line of the request field a
/// google.rpc.BadRequest names first (<c>results[2].awarded_yen</c> → that results row), or the
/// row an ErrorInfo's <c>result_index</c> names (RECORDED_RESULTS_DIFFER), else the line of the
/// document part the request was made for.
/// </summary>
internal sealed record SourceLines(string File, int Line, IReadOnlyDictionary<string, int>? Fields = null)
{
    public async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RpcException e)
        {
            throw new ImportRefusal(File, LineOf(e), e);
        }
    }

    public Task CallAsync(Func<Task> call) => CallAsync(async () => { await call(); return true; });

    public int LineOf(RpcException e)
    {
        if (Fields is null || e.GetRpcStatus() is not { } status) return Line;
        foreach (var detail in status.Details)
        {
            if (detail.TryUnpack<BadRequest>(out var badRequest))
                foreach (var violation in badRequest.FieldViolations)
                    if (Longest(violation.Field) is { } line) return line;
            if (detail.TryUnpack<ErrorInfo>(out var info) && info.Metadata.TryGetValue("result_index", out var index)
                && Fields.TryGetValue($"results[{index}]", out var row))
                return row;
        }
        return Line;
    }

    /// <summary>The line of the longest known field path that <paramref name="field"/> starts with.</summary>
    private int? Longest(string field) =>
        Fields!.Where(f => field == f.Key || field.StartsWith(f.Key + ".", StringComparison.Ordinal)
            || field.StartsWith(f.Key + "[", StringComparison.Ordinal))
            .OrderByDescending(f => f.Key.Length).Select(f => (int?)f.Value).FirstOrDefault();
}
