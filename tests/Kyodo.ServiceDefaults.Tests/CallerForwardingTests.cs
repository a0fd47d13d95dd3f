using Grpc.Core;
using Kyodo.ServiceDefaults.Grpc;
using Kyodo.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;

namespace Kyodo.ServiceDefaults.Tests;

// A service-to-service call made while serving a call carries that call's token and never
// outlives its deadline; without one, the hop's own timeout bounds it.
public sealed class CallerForwardingTests
{
    private static readonly Method<string, string> Method =
        new(MethodType.Unary, "kyodo.plan.v1.PlanService", "GetItem", Marshallers.StringMarshaller, Marshallers.StringMarshaller);

    private static CallOptions Forwarded(HttpContext? incoming, TimeSpan timeout, CallOptions options = default)
    {
        var interceptor = new CallerForwardingInterceptor(new HttpContextAccessor { HttpContext = incoming }, () => timeout);
        CallOptions sent = default;
        interceptor.AsyncUnaryCall("request",
            new global::Grpc.Core.Interceptors.ClientInterceptorContext<string, string>(Method, null, options), (_, context) =>
        {
            sent = context.Options;
            return new AsyncUnaryCall<string>(Task.FromResult(""), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [],
                () => { });
        });
        return sent;
    }

    private static HttpContext Incoming(string? authorization, DateTime deadline)
    {
        var http = new DefaultHttpContext();
        if (authorization is not null) http.Request.Headers.Authorization = authorization;
        ServedCall.On(http, deadline);
        return http;
    }

    [Fact]
    public void TheIncomingTokenAndAnEarlierIncomingDeadlineAreForwarded()
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(800);
        var sent = Forwarded(Incoming("Bearer editor-token", deadline), TimeSpan.FromSeconds(5));

        Assert.Equal("Bearer editor-token", sent.Headers!.GetValue("authorization"));
        Assert.Equal(deadline, sent.Deadline);
    }

    [Fact]
    public void WithoutAnIncomingDeadlineTheConfiguredTimeoutBoundsTheCall()
    {
        var before = DateTime.UtcNow;
        var sent = Forwarded(Incoming("Bearer t", DateTime.MaxValue), TimeSpan.FromSeconds(5));

        Assert.InRange(sent.Deadline!.Value, before.AddSeconds(5), DateTime.UtcNow.AddSeconds(5));
    }

    [Fact]
    public void ALaterIncomingDeadlineDoesNotLetTheHopWaitLongerThanItsTimeout()
    {
        var before = DateTime.UtcNow;
        var sent = Forwarded(Incoming("Bearer t", DateTime.UtcNow.AddMinutes(10)), TimeSpan.FromSeconds(2));

        Assert.InRange(sent.Deadline!.Value, before.AddSeconds(2), DateTime.UtcNow.AddSeconds(2));
    }

    [Fact]
    public void AnIncomingRestCallsDeadlineIsForwardedThoughTranscodingReportsNone()
    {
        // What RestDeadlineInterceptor keeps for a REST call whose grpc-timeout gave 900 ms.
        var deadline = DateTime.UtcNow.AddMilliseconds(900);
        var http = Incoming("Bearer t", DateTime.MaxValue);
        http.Features.Set(new RestCallDeadline(deadline));

        var sent = Forwarded(http, TimeSpan.FromSeconds(5));

        Assert.Equal(deadline, sent.Deadline);
    }

    [Fact]
    public void OutsideACallNothingIsInventedAndAnExplicitTokenIsKept()
    {
        Assert.Null(Forwarded(null, TimeSpan.FromSeconds(5)).Headers!.GetValue("authorization"));
        var own = Forwarded(Incoming("Bearer caller", DateTime.MaxValue), TimeSpan.FromSeconds(5),
            new CallOptions(new Metadata { { "authorization", "Bearer explicit" } }));
        Assert.Equal(["Bearer explicit"], own.Headers!.Where(h => h.Key == "authorization").Select(h => h.Value));
    }
}
