using Google.Rpc;
using Grpc.Core;

namespace Kyodo.Cli.Connection;

/// <summary>Turns a failed call into lines a person can act on, and into the exit code scripts test.</summary>
internal static class RpcErrors
{
    public static int ExitCode(RpcException e) => e.StatusCode switch
    {
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => ExitCodes.Unavailable,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.AlreadyExists
            or StatusCode.NotFound or StatusCode.OutOfRange => ExitCodes.DataError,
        _ => ExitCodes.Failure,
    };

    /// <summary>The status and message, then every field violation the service listed (google.rpc.BadRequest).</summary>
    public static IEnumerable<string> Describe(RpcException e)
    {
        yield return $"{e.StatusCode}: {e.Status.Detail}";
        var status = e.GetRpcStatus();
        if (status is null) yield break;
        foreach (var detail in status.Details)
        {
            if (detail.TryUnpack<BadRequest>(out var badRequest))
                foreach (var violation in badRequest.FieldViolations)
                    yield return $"  {violation.Field}: {violation.Description}";
            else if (detail.TryUnpack<ErrorInfo>(out var info))
                yield return $"  reason {info.Reason}" + string.Concat(info.Metadata.Select(m => $", {m.Key}={m.Value}"));
        }
    }
}
