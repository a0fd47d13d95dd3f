using Grpc.Core;

namespace Kyodo.ServiceDefaults.Grpc;

/// <summary>
/// Who is calling, for the who/when that history, revisions and actuals record: the subject
/// (sub) of the caller's validated bearer token. Callers cannot name themselves otherwise.
/// </summary>
public static class CallerIdentity
{
    public static string Actor(this ServerCallContext context) => context.Caller().Subject;
}
