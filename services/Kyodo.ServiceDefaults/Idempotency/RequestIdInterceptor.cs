using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Kyodo.Common.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kyodo.ServiceDefaults.Idempotency;

/// <summary>
/// AIP-155 request ids: a unary call whose request has a <c>request_id</c> (a UUID the caller chose)
/// answers a retry with the same id and the same request from the first call's stored answer, without
/// running the handler again (no second row, no second event); the same id with a different request is
/// refused (FAILED_PRECONDITION, REQUEST_ID_REUSED) and changes nothing. The handler stores its answer
/// in its own transaction (<see cref="RequestIds.RememberAsync"/>). Two calls with one id at once: the
/// second fails on what the first did (the first's record, the name it took), rolls back whole, and
/// answers the first's answer.
/// Ids are the caller's own (its subject and municipality), so nobody else's id blocks or reveals one.
/// </summary>
public sealed class RequestIdInterceptor(ILogger<RequestIdInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (request is not IMessage message || RequestIdField.Read(message) is not { Length: > 0 } requestId
            || context.GetHttpContext().RequestServices.GetService<RequestIds>() is not { } ids)
            return await continuation(request, context);

        new RequestValidation().Check(Guid.TryParse(requestId, out _), RequestIdField.Name, SharedMessages.NotARequestId).ThrowIfInvalid();
        var claim = ClaimFor(context, message, requestId);
        if (await ids.FindAsync(claim, context.CancellationToken) is { } first) return AnswerOf<TResponse>(first, claim);

        ids.Begin(claim);
        try
        {
            var response = await continuation(request, context);
            if (!ids.Answered) logger.LogError("{Method} carried request_id {RequestId} but its handler stored no answer; a retry "
                + "would act again", context.Method, requestId);
            return response;
        }
        catch (Exception ex)
        {
            // Another call with this id may have committed first, and this one failed on what that call
            // did (its record's key, the name it took …); this one's change rolled back with its transaction.
            if (await FirstCallsRecordAsync(ids, claim, ex, context) is { } winner) return AnswerOf<TResponse>(winner, claim);
            throw;
        }
        finally
        {
            ids.End();
        }
    }

    /// <summary>The record a concurrent call with the same id committed while this one ran, or null.</summary>
    private async Task<IdempotencyRecord?> FirstCallsRecordAsync(RequestIds ids, RequestIds.Claim claim, Exception failure,
        ServerCallContext context)
    {
        if (context.CancellationToken.IsCancellationRequested) return null;
        try
        {
            ids.ForgetTracked();
            return await ids.FindAsync(claim, context.CancellationToken);
        }
        catch (Exception lookup)
        {
            logger.LogDebug(lookup, "Could not look for request_id {RequestId} after {Failure}", claim.RequestId, failure.GetType().Name);
            return null; // the call's own failure is the answer
        }
    }

    private static RequestIds.Claim ClaimFor(ServerCallContext context, IMessage request, string requestId)
    {
        var caller = context.Caller();
        // Keys hold at most 200 characters: a long subject is kept as its hash.
        var subject =
            caller.Subject.Length <= 120 ? caller.Subject : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(caller.Subject)));
        var operation = context.Method[(context.Method.LastIndexOf('/') + 1)..];
        var id = Guid.Parse(requestId).ToString("D");
        return new RequestIds.Claim(caller.MunicipalityCode ?? "", $"request_id:{id}:{subject}", id, operation, request);
    }

    private static TResponse AnswerOf<TResponse>(IdempotencyRecord record, RequestIds.Claim claim)
    {
        if (!record.Answers(claim.Operation, claim.Request))
            throw new DomainRuleException("REQUEST_ID_REUSED",
                SharedMessages.RequestIdReused(claim.RequestId, record.Operation),
                new Dictionary<string, string> { ["first_operation"] = record.Operation });
        var answer = (IMessage)Activator.CreateInstance<TResponse>()!;
        answer.MergeFrom(record.Response);
        return (TResponse)answer;
    }
}
