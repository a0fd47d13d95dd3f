using Grpc.Core;

namespace Kyodo.ServiceDefaults.Grpc;

/// <summary>
/// Who is calling, for the who/when that history, revisions and actuals record. Until
/// authentication arrives (the gateway-and-security issue replaces this with the token's
/// subject) callers name themselves in the <c>x-kyodo-actor</c> header.
/// </summary>
public static class CallerIdentity
{
    public const string ActorHeader = "x-kyodo-actor";

    public static string Actor(this ServerCallContext context) =>
        context.RequestHeaders.GetValue(ActorHeader) is { Length: > 0 and <= 200 } actor ? actor : "anonymous";
}
