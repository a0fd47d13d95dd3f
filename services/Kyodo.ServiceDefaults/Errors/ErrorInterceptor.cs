using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Kyodo.ServiceDefaults.Grpc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using Status = Google.Rpc.Status;

namespace Kyodo.ServiceDefaults.Errors;

/// <summary>
/// The one place exceptions become gRPC statuses (ARCHITECTURE.md, Errors). Messages are
/// for people; stack traces stay in the log. Once the call's deadline has passed, any failure
/// (a dependency's RpcException included) is DEADLINE_EXCEEDED. Every status leaving here,
/// RpcExceptions thrown by the interceptors inside it or passed on from a dependency included,
/// is cut to <see cref="StatusBounds"/>, so no caller's input can make the trailers grow.
/// </summary>
public sealed class ErrorInterceptor(ILogger<ErrorInterceptor> logger, ServiceIdentity service) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException || CallDeadline.HasPassed(context))
        {
            throw ToRpcException(ex, context);
        }
        catch (RpcException ex) when (StatusBounds.Exceeds(ex))
        {
            throw StatusBounds.Bound(ex);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException || CallDeadline.HasPassed(context))
        {
            throw ToRpcException(ex, context);
        }
        catch (RpcException ex) when (StatusBounds.Exceeds(ex))
        {
            throw StatusBounds.Bound(ex);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (ex is not RpcException || CallDeadline.HasPassed(context))
        {
            throw ToRpcException(ex, context);
        }
        catch (RpcException ex) when (StatusBounds.Exceeds(ex))
        {
            throw StatusBounds.Bound(ex);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException || CallDeadline.HasPassed(context))
        {
            throw ToRpcException(ex, context);
        }
        catch (RpcException ex) when (StatusBounds.Exceeds(ex))
        {
            throw StatusBounds.Bound(ex);
        }
    }

    private RpcException ToRpcException(Exception ex, ServerCallContext context)
    {
        // Past the deadline the caller waits no longer, whatever failed (a dependency's timeout or
        // cancellation, typically): DEADLINE_EXCEEDED, as grpc-dotnet answers for gRPC calls, and
        // so for REST calls too (CallDeadline), not UNAVAILABLE or CANCELLED.
        var status = CallDeadline.HasPassed(context) ? DeadlinePassed() : ex switch
        {
            RequestValidationException v => Status(Code.InvalidArgument, v.Message, new BadRequest
            {
                FieldViolations =
                {
                    v.Violations.Select(f => new BadRequest.Types.FieldViolation { Field = f.Field, Description = f.Description }),
                },
            }),
            NotFoundException nf => Status(Code.NotFound, nf.Message, new ResourceInfo { ResourceType = nf.Resource, ResourceName = nf.Id }),
            AlreadyExistsException ae => Status(Code.AlreadyExists, ae.Message),
            DomainRuleException rule => Status(Code.FailedPrecondition, rule.Message, ErrorInfo(rule.Reason, rule.Metadata)),
            ConcurrencyConflictException cc => Status(Code.Aborted, cc.Message),
            DbUpdateConcurrencyException => Status(Code.Aborted, "The record was changed by someone else; read it again and retry."),
            PermissionDeniedException pd => Status(Code.PermissionDenied, pd.Message),
            DependencyUnavailableException du => Status(Code.Unavailable, du.Message),
            DbUpdateException { InnerException: NpgsqlException db } => DatabaseStatus(db),
            NpgsqlException db => DatabaseStatus(db),
            TimeoutException => Status(Code.Unavailable, $"The {service.Name} service timed out waiting for its database; retry later."),
            OperationCanceledException when context.CancellationToken.IsCancellationRequested =>
                Status(Code.Cancelled, "The call was cancelled or its deadline passed."),
            _ => null,
        };

        if (status is null)
        {
            logger.LogError(ex, "Unhandled error in {Method}", context.Method);
            status = Status(Code.Internal, $"An internal error occurred in the {service.Name} service; it has been logged (trace {System.Diagnostics.Activity.Current?.TraceId}).");
        }
        else if (status.Code is (int)Code.Unavailable)
        {
            logger.LogWarning(ex, "{Method} answered UNAVAILABLE: {Message}", context.Method, ex.Message);
        }

        return StatusBounds.Bound(status).ToRpcException();
    }

    private Status DeadlinePassed() =>
        Status(Code.DeadlineExceeded, $"The call's deadline passed before the {service.Name} service could answer.");

    // Only what a caller can act on gets its own status; any other SQL error is a bug (INTERNAL).
    private Status? DatabaseStatus(NpgsqlException ex) => ex switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } =>
            Status(Code.AlreadyExists, "A record with the same key already exists."),
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } =>
            Status(Code.Aborted, "The change collided with a concurrent one; retry."),
        { IsTransient: true } => Status(Code.Unavailable, $"The {service.Name} service cannot reach its database right now; retry later."),
        _ => null,
    };

    private ErrorInfo ErrorInfo(string reason, IReadOnlyDictionary<string, string> metadata)
    {
        var info = new ErrorInfo { Reason = reason, Domain = $"{service.Name}.kyodo" };
        foreach (var (key, value) in metadata) info.Metadata[key] = value;
        return info;
    }

    private static Status Status(Code code, string message, Google.Protobuf.IMessage? detail = null)
    {
        var status = new Status { Code = (int)code, Message = message };
        if (detail is not null) status.Details.Add(Any.Pack(detail));
        return status;
    }
}
