using Grpc.Net.ClientFactory;
using Kyodo.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Kyodo.ServiceDefaults.Grpc;

public static class GrpcClientMessageLimits
{
    /// <summary>
    /// Every gRPC client a service registers (AddGrpcClient, for service-to-service calls) sends
    /// and accepts at most <paramref name="maxMessageBytes"/>, the same cap as the servers, so
    /// no hop carries a message another hop would refuse (the client's default receive cap is
    /// 4 MiB, its send cap unlimited).
    /// </summary>
    public static IServiceCollection AddGrpcClientMessageLimits(this IServiceCollection services, int maxMessageBytes)
    {
        services.ConfigureAll<GrpcClientFactoryOptions>(client => client.ChannelOptionsActions.Add(channel =>
        {
            channel.MaxSendMessageSize = maxMessageBytes;
            channel.MaxReceiveMessageSize = maxMessageBytes;
        }));
        return services;
    }

    /// <summary>
    /// Every service-to-service client accepts response headers up to <see cref="HeaderLimits.ClientResponseHeaderBytes"/>,
    /// stated rather than left to the default, well above what a service sends (<see cref="HeaderLimits.ServiceTrailerBytes"/>).
    /// </summary>
    public static IServiceCollection AddGrpcClientHeaderLimits(this IServiceCollection services)
    {
        // After every other configuration: the gRPC client factory sets its own primary handler first.
        services.PostConfigureAll<HttpClientFactoryOptions>(client => client.HttpMessageHandlerBuilderActions.Add(handler =>
        {
            if (handler.PrimaryHandler is SocketsHttpHandler sockets)
                sockets.MaxResponseHeadersLength = HeaderLimits.Kilobytes(HeaderLimits.ClientResponseHeaderBytes);
            else if (handler.PrimaryHandler is HttpClientHandler http)
                http.MaxResponseHeadersLength = HeaderLimits.Kilobytes(HeaderLimits.ClientResponseHeaderBytes);
        }));
        return services;
    }
}
