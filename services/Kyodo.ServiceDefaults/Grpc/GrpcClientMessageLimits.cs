using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection;

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
}
