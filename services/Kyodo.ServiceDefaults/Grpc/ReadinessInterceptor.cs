using Grpc.Core;
using Grpc.Core.Interceptors;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Errors;

namespace Kyodo.ServiceDefaults.Grpc;

/// <summary>
/// Refuses application calls with UNAVAILABLE until the database is reachable and its schema
/// current, so a service never answers half-initialised. gRPC's own services (health,
/// reflection) stay reachable: health must be able to say NOT_SERVING.
/// </summary>
public sealed class ReadinessInterceptor(DatabaseReadiness readiness, ServiceIdentity service) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        EnsureReady(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        EnsureReady(context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        EnsureReady(context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        EnsureReady(context);
        return continuation(requestStream, responseStream, context);
    }

    private void EnsureReady(ServerCallContext context)
    {
        if (!readiness.IsReady && !context.Method.StartsWith("/grpc.", StringComparison.Ordinal))
            throw new DependencyUnavailableException(SharedMessages.Starting(service.Name));
    }
}
