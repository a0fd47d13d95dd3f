using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Kyodo.Security;
using Kyodo.ServiceDefaults.Data;
using Kyodo.ServiceDefaults.Grpc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using Status = Google.Rpc.Status;

namespace Kyodo.ServiceDefaults.Errors;

/// <summary>
/// The one place exceptions become gRPC statuses (ARCHITECTURE.md, Errors). Messages are
/// for people, in the language the caller asked for (<see cref="ErrorLanguages"/>: Japanese or
/// English; a BadRequest's field names stay the proto's); stack traces stay in the log. Once the
/// call's deadline has passed, any failure (a dependency's RpcException included) is DEADLINE_EXCEEDED.
/// Every status leaving here, RpcExceptions thrown by the interceptors inside it or passed on from a
/// dependency included, is cut to <see cref="StatusBounds"/>, so no caller's input can make the trailers grow.
/// </summary>
public sealed class ErrorInterceptor(ILogger<ErrorInterceptor> logger, ServiceIdentity service, ErrorLanguages languages) : Interceptor
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
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
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
        var language = languages.Negotiate(context.RequestHeaders.GetValue("accept-language"));
        Status Say(Code code, Text text, Google.Protobuf.IMessage? detail = null) => Status(code, text.In(language), detail);

        // Past the deadline the caller waits no longer, whatever failed (a dependency's timeout or
        // cancellation, typically): DEADLINE_EXCEEDED, as grpc-dotnet answers for gRPC calls, and
        // so for REST calls too (CallDeadline), not UNAVAILABLE or CANCELLED.
        var status = CallDeadline.HasPassed(context) ? Say(Code.DeadlineExceeded, SharedMessages.DeadlinePassed(service.Name)) : ex switch
        {
            RequestValidationException v => Say(Code.InvalidArgument, v.Text, new BadRequest
            {
                FieldViolations =
                {
                    v.Violations.Select(f => new BadRequest.Types.FieldViolation { Field = f.Field, Description = f.Text.In(language) }),
                },
            }),
            NotFoundException nf => Say(Code.NotFound, nf.Text, new ResourceInfo { ResourceType = nf.Resource, ResourceName = nf.Id }),
            AlreadyExistsException ae => Say(Code.AlreadyExists, ae.Text),
            DomainRuleException rule => Say(Code.FailedPrecondition, rule.Text, ErrorInfo(rule.Reason, rule.Metadata)),
            ConcurrencyConflictException cc => Say(Code.Aborted, cc.Text),
            DbUpdateConcurrencyException => Say(Code.Aborted, SharedMessages.ChangedBySomeoneElse),
            PermissionDeniedException pd => Say(Code.PermissionDenied, pd.Text),
            UnauthenticatedException ua => Say(Code.Unauthenticated, ua.Text),
            DependencyUnavailableException du => Say(Code.Unavailable, du.Text),
            NotImplementedYetException ni => Say(Code.Unimplemented, ni.Text),
            DbUpdateException { InnerException: NpgsqlException db } => DatabaseStatus(db, language),
            NpgsqlException db => DatabaseStatus(db, language),
            // EF wraps a transient failure it does not retry in an InvalidOperationException.
            _ when TransientDatabaseFailures.Find(ex) is not null => Unavailable(language),
            TimeoutException => Say(Code.Unavailable, SharedMessages.DatabaseTimedOut(service.Name)),
            OperationCanceledException when context.CancellationToken.IsCancellationRequested =>
                Say(Code.Cancelled, SharedMessages.Cancelled),
            _ => null,
        };

        if (status is null)
        {
            logger.LogError(ex, "Unhandled error in {Method}", context.Method);
            status = Say(Code.Internal, SharedMessages.Internal(service.Name, System.Diagnostics.Activity.Current?.TraceId.ToString()));
        }
        else if (status.Code is (int)Code.Unavailable)
        {
            logger.LogWarning(ex, "{Method} answered UNAVAILABLE: {Message}", context.Method, ex.Message);
        }

        return StatusBounds.Bound(status).ToRpcException();
    }

    // Only what a caller can act on gets its own status; any other SQL error is a bug (INTERNAL).
    private Status? DatabaseStatus(NpgsqlException ex, ErrorLanguage language) => ex switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } =>
            Status(Code.AlreadyExists, SharedMessages.DuplicateKey.In(language)),
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } =>
            Status(Code.Aborted, SharedMessages.Collided.In(language)),
        _ when TransientDatabaseFailures.Find(ex) is not null => Unavailable(language),
        _ => null,
    };

    // The database failed for a moment (TransientDatabaseRetryInterceptor has already run the call
    // again where that was safe): worth a retry after a second, as RetryInfo tells client libraries.
    private Status Unavailable(ErrorLanguage language) =>
        Status(Code.Unavailable, SharedMessages.DatabaseUnreachable(service.Name).In(language),
            new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) });

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
