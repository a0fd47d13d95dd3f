using Google.Rpc;
using Grpc.Core;

namespace Kyodo.Cli.Connection;

/// <summary>Turns a failed call into lines a person can act on, and into the exit code scripts test.</summary>
internal static class RpcErrors
{
    public static int ExitCode(RpcException e) => e.StatusCode switch
    {
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => ExitCodes.Unavailable,
        StatusCode.ResourceExhausted when RetryPolicy.IsThrottled(e) => ExitCodes.Unavailable,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => ExitCodes.NoPermission,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.AlreadyExists
            or StatusCode.NotFound or StatusCode.OutOfRange => ExitCodes.DataError,
        _ => ExitCodes.Failure,
    };

    /// <summary>
    /// The status and message, then every field violation the service listed (google.rpc.BadRequest),
    /// then what to do about a refused token or the rate limit.
    /// </summary>
    public static IEnumerable<string> Describe(RpcException e)
    {
        yield return $"{e.StatusCode}: {e.Status.Detail}";
        foreach (var line in Details(e)) yield return line;
        if (e.StatusCode == StatusCode.Unauthenticated)
            yield return "the token is missing, expired or not signed for this system; get one with `kyodo token --municipality CODE "
                + "--role ROLE` "
                + "(or `./dev token …`) and pass it with --token or KYODO_TOKEN";
        else if (e.StatusCode == StatusCode.PermissionDenied)
            yield return "the token does not allow this call; get one with the role, municipality and scopes it needs from "
                + "`kyodo token …` (or `./dev token …`) and pass it with --token or KYODO_TOKEN";
        else if (RetryPolicy.IsThrottled(e))
            yield return "still over the gateway's rate limit after the retries allowed; allow more with --max-attempts / --max-wait "
                + "(KYODO_MAX_ATTEMPTS, KYODO_MAX_WAIT) or run when the gateway is less busy";
    }

    private static IEnumerable<string> Details(RpcException e)
    {
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
