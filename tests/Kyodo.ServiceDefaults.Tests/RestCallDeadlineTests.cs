using Grpc.Core;
using Kyodo.Security;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kyodo.ServiceDefaults.Tests;

// A REST call (JSON transcoding reports no deadline) gets the deadline of its grpc-timeout header,
// as a gRPC call does: kept for service-to-service calls, enforced on its cancellation, and a
// failure once it has passed is DEADLINE_EXCEEDED.
public sealed class RestCallDeadlineTests
{
    private static async Task<(RestCallDeadline? Deadline, CancellationToken Cancellation)> ServeAsync(HttpContext http,
        DateTime grpcDeadline)
    {
        var call = ServedCall.On(http, grpcDeadline);
        (RestCallDeadline?, CancellationToken) seen = default;
        await new RestDeadlineInterceptor().UnaryServerHandler("request", call, (_, context) =>
        {
            seen = (http.Features.Get<RestCallDeadline>(), context.CancellationToken);
            return Task.FromResult("response");
        });
        return seen;
    }

    [Fact]
    public async Task ARestCallsGrpcTimeoutBecomesItsDeadlineAndEndsItsWorkThere()
    {
        var before = DateTime.UtcNow;
        var http = ServedCall.RestRequest("1500m");

        var (deadline, cancellation) = await ServeAsync(http, DateTime.MaxValue);

        Assert.NotNull(deadline);
        Assert.InRange(deadline.Deadline, before.AddMilliseconds(1500), DateTime.UtcNow.AddMilliseconds(1500));
        Assert.Equal(deadline.Deadline, CallDeadline.Of(http));
        // The handler's token ends at the deadline (the guard only keeps a broken test from hanging).
        var ended = await Task.WhenAny(Task.Delay(Timeout.Infinite, cancellation), Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(cancellation.IsCancellationRequested, "the call's work was not cancelled at its deadline");
        Assert.True(ended.IsCanceled);
    }

    [Theory]
    [InlineData(null, "application/json")]         // no deadline given: none invented
    [InlineData("soon", "application/json")]       // not a timeout (the gateway refuses these)
    [InlineData("2S", "application/grpc")]         // a gRPC call: grpc-dotnet reads its own
    public async Task OnlyAValidGrpcTimeoutOfARestCallIsTaken(string? grpcTimeout, string contentType)
    {
        var http = ServedCall.RestRequest(grpcTimeout, contentType);

        var (deadline, cancellation) = await ServeAsync(http, DateTime.MaxValue);

        Assert.Null(deadline);
        Assert.Null(CallDeadline.Of(http));
        Assert.False(cancellation.CanBeCanceled);
    }

    [Fact]
    public async Task AGrpcCallKeepsGrpcsOwnDeadline()
    {
        var grpcDeadline = DateTime.UtcNow.AddSeconds(3);
        var http = ServedCall.RestRequest("1S", "application/grpc");

        var (deadline, _) = await ServeAsync(http, grpcDeadline);

        Assert.Null(deadline);
        Assert.Equal(grpcDeadline, CallDeadline.Of(http));
    }

    private static async Task<RpcException> FailAsync(DateTime? restDeadline, Exception failure, CancellationToken reached = default)
    {
        var http = ServedCall.RestRequest(null);
        if (restDeadline is { } deadline) http.Features.Set(new RestCallDeadline(deadline, reached));
        var call = ServedCall.On(http, DateTime.MaxValue);
        var errors = new ErrorInterceptor(NullLogger<ErrorInterceptor>.Instance, new ServiceIdentity("budget"),
            new ErrorLanguages(ErrorLanguage.English));
        return await Assert.ThrowsAsync<RpcException>(
            () => errors.UnaryServerHandler<string, string>("request", call, (_, _) => throw failure));
    }

    [Fact]
    public async Task AFailureAfterTheDeadlinePassedIsDeadlineExceeded()
    {
        var past = DateTime.UtcNow.AddMilliseconds(-1);

        var dependency =
            await FailAsync(past, new DependencyUnavailableException("The plan service could not be asked (DeadlineExceeded)."));
        var cancelled = await FailAsync(past, new RpcException(new Status(StatusCode.Cancelled, "Call canceled by the client.")));

        Assert.Equal((StatusCode.DeadlineExceeded, StatusCode.DeadlineExceeded), (dependency.StatusCode, cancelled.StatusCode));
        Assert.Equal("The call's deadline passed before the budget service could answer.", dependency.Status.Detail);
    }

    [Fact]
    public async Task WhatTheDeadlineTimerCancelledIsDeadlineExceededEvenAMomentBeforeTheClockShowsIt()
    {
        // Timers may fire a little before the wall clock reaches the deadline.
        var cancelled = await FailAsync(DateTime.UtcNow.AddMilliseconds(20),
            new RpcException(new Status(StatusCode.Cancelled, "Call canceled by the client.")),
            reached: new CancellationToken(canceled: true));

        Assert.Equal(StatusCode.DeadlineExceeded, cancelled.StatusCode);
    }

    [Fact]
    public async Task BeforeTheDeadlineAFailureKeepsItsOwnStatus()
    {
        var future = DateTime.UtcNow.AddMinutes(5);

        var dependency = await FailAsync(future, new DependencyUnavailableException("The plan service could not be asked."));
        var withoutDeadline = await FailAsync(null, new DependencyUnavailableException("The plan service could not be asked."));
        var downstream = await FailAsync(future, new RpcException(new Status(StatusCode.ResourceExhausted, "too large")));

        Assert.Equal(StatusCode.Unavailable, dependency.StatusCode);
        Assert.Equal(StatusCode.Unavailable, withoutDeadline.StatusCode);
        Assert.Equal((StatusCode.ResourceExhausted, "too large"), (downstream.StatusCode, downstream.Status.Detail));
    }
}
