using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kyodo.ServiceDefaults.Tests;

/// <summary>
/// Every interceptor of a service's pipeline is one instance for the process: gRPC would otherwise
/// build each anew on every call, and with it the lookup tables and caches some of them hold.
/// </summary>
public sealed class InterceptorLifetimeTests(MessagingTestFixture fixture) : IClassFixture<MessagingTestFixture>
{
    [Fact]
    public void EachInterceptorOfThePipelineIsOneInstanceForEveryCall()
    {
        var services = fixture.Service.Services;
        var pipeline = services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value.Interceptors;

        Assert.NotEmpty(pipeline);
        foreach (var interceptor in pipeline)
        {
            using var first = services.CreateScope();
            using var second = services.CreateScope();
            var one = first.ServiceProvider.GetService(interceptor.Type);
            Assert.True(one is not null, $"{interceptor.Type.Name} is not registered, so gRPC builds one per call");
            Assert.Same(one, second.ServiceProvider.GetService(interceptor.Type));
        }
    }
}
