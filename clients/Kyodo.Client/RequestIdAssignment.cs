using Grpc.Core;
using Grpc.Core.Interceptors;
using Kyodo.Common.V1;

namespace Kyodo.Client;

/// <summary>
/// Gives every call whose request has an empty <c>request_id</c> (creates and lifecycle steps) a new
/// UUID, on a copy of the request (<see cref="RequestIdField.WithOne"/>). The channel's retries resend
/// that copy with its id, so a create that met UNAVAILABLE after the service committed it answers the
/// first answer instead of creating a second record. A caller that retries on its own (after the call
/// failed) sets request_id itself and sends it again.
/// </summary>
internal sealed class RequestIdAssignment : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(RequestIdField.WithOne(request), context);

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(RequestIdField.WithOne(request), context);
}
