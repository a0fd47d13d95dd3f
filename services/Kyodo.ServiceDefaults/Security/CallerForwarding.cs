using Grpc.Core;
using Grpc.Core.Interceptors;
using Kyodo.ServiceDefaults.Grpc;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.ServiceDefaults.Security;

/// <summary>
/// Service-to-service calls act for the caller: they carry the incoming call's bearer token (so
/// the called service applies the same caller's rights, and a record the caller cannot see stays
/// NOT_FOUND) and its deadline (a REST call's too: see CallDeadline). Where the caller gave no
/// deadline, or a later one than this hop's configured timeout, the timeout decides, so a stuck
/// dependency answers UNAVAILABLE in time.
/// They also carry the client's address (the X-Forwarded-For a trusted proxy sent, or this call's
/// peer), so the called service's audit trail names the client, not this service's pod, and its
/// accept-language, so the called service's refusals are in the caller's language.
/// </summary>
public sealed class CallerForwardingInterceptor(IHttpContextAccessor accessor, Func<TimeSpan> timeout) : Interceptor
{
    public const string AuthorizationHeader = "authorization";
    public const string ForwardedForHeader = "x-forwarded-for";
    public const string AcceptLanguageHeader = "accept-language";

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, Forward(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, Forward(context));

    private ClientInterceptorContext<TRequest, TResponse> Forward<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class where TResponse : class
    {
        var http = accessor.HttpContext;
        var headers = new Metadata();
        foreach (var entry in context.Options.Headers ?? []) headers.Add(entry);
        if (headers.Get(AuthorizationHeader) is null && http?.Request.Headers.Authorization.ToString() is { Length: > 0 } bearer)
            headers.Add(AuthorizationHeader, bearer);
        if (headers.Get(ForwardedForHeader) is null && ClientAddress(http) is { } client)
            headers.Add(ForwardedForHeader, client);
        // So a refusal the called service sends, and this one passes on, is in the language the caller asked for.
        if (headers.Get(AcceptLanguageHeader) is null && http?.Request.Headers.AcceptLanguage.ToString() is { Length: > 0 } language)
            headers.Add(AcceptLanguageHeader, language);

        var deadline = DateTime.UtcNow + timeout();
        // The incoming call's deadline, gRPC's or a REST call's (CallDeadline: transcoding reports none).
        if (CallDeadline.Of(http) is { } incoming && incoming < deadline) deadline = incoming;
        if (context.Options.Deadline is { } explicitDeadline && explicitDeadline < deadline) deadline = explicitDeadline;

        var cancellation = context.Options.CancellationToken.CanBeCanceled
            ? context.Options.CancellationToken
            : http?.RequestAborted ?? CancellationToken.None;
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host,
            context.Options.WithHeaders(headers).WithDeadline(deadline).WithCancellationToken(cancellation));
    }

    /// <summary>
    /// The incoming X-Forwarded-For as received (its first entry is the client) when a trusted proxy
    /// sent it (<see cref="ForwardedFor"/>), else the incoming call's peer: a client calling directly
    /// cannot pass an address of its choosing on to the next service's audit trail.
    /// </summary>
    private static string? ClientAddress(HttpContext? http)
    {
        if (http is null) return null;
        return http.RequestServices?.GetService<ForwardedFor>()?.TrustedHeader(http) ?? http.Connection.RemoteIpAddress?.ToString();
    }
}

public static class CallerForwardingExtensions
{
    /// <summary>Makes this gRPC client forward the caller's token and deadline (see <see cref="CallerForwardingInterceptor"/>).</summary>
    public static IHttpClientBuilder ForwardCaller(this IHttpClientBuilder client, Func<IServiceProvider, TimeSpan> timeout)
    {
        client.Services.AddHttpContextAccessor();
        return client.AddInterceptor(services =>
            new CallerForwardingInterceptor(services.GetRequiredService<IHttpContextAccessor>(), () => timeout(services)));
    }
}
