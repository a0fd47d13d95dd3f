using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;

namespace Kyodo.ServiceDefaults.Security;

/// <summary>
/// Deny by default: finds the method in its service's <see cref="AccessTable"/> (an undeclared
/// method is PERMISSION_DENIED for everyone), checks the caller's roles and scopes grant its
/// level and that a municipality code in the request is the caller's (or, for a request across
/// municipalities, that the caller may read that area), and leaves the decision
/// (<see cref="CallAccess"/>) for the handler's object-level checks.
/// </summary>
public sealed class AuthorizationInterceptor(IEnumerable<AccessTable> tables) : Interceptor
{
    private readonly Dictionary<string, AccessTable> _tables = tables.ToDictionary(t => t.Service);

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(request, context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(request, context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(null, context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(null, context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authorize(object? request, ServerCallContext context)
    {
        if (AuthenticationInterceptor.IsOpen(context.Method)) return;
        var slash = context.Method.LastIndexOf('/');
        var service = context.Method[1..slash];
        var method = context.Method[(slash + 1)..];
        var rule = _tables.GetValueOrDefault(service)?.Find(method)
            ?? throw new PermissionDeniedException(SharedMessages.NotDeclared(service, method));

        var area = rule.AreaOf is { } areaOf && request is IMessage asked ? areaOf(asked) : null;
        var access = (area is null ? CallAccess.Decide(context.Caller(), rule, out var refusal)
            : CallAccess.DecideArea(context.Caller(), rule, area, out refusal))
            ?? throw new PermissionDeniedException($"{method}: {refusal}.");
        if (area is null && rule.MunicipalityOf is { } municipalityOf && request is IMessage message)
            access.EnsureMunicipality(municipalityOf(message), rule.MunicipalityField ?? "municipality_code");
        context.GetHttpContext().Items[typeof(CallAccess)] = access;
    }
}
