using Grpc.Health.V1;
using Grpc.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Kyodo.Gateway;

/// <summary>
/// gRPC reflection (v1 and v1alpha) answered by the gateway for every Kyodo service behind it
/// and its own health service, so <c>grpcurl list</c> against the one entry point shows the
/// whole API. Built from the compiled protos (Kyodo.Protos), not by asking the backends.
/// </summary>
public static class GatewayReflection
{
    public static IReadOnlyList<ServiceDescriptor> Descriptors =>
    [
        .. GatewayRoutes.Services.Select(s => s.Service),
        Health.Descriptor,
        Grpc.Reflection.V1.ServerReflection.Descriptor,
        Grpc.Reflection.V1Alpha.ServerReflection.Descriptor,
    ];

    public static IServiceCollection AddGatewayReflection(this IServiceCollection services)
    {
        services.AddSingleton(new ReflectionServiceImpl(Descriptors));
        services.AddSingleton(new ReflectionV1ServiceImpl(Descriptors));
        return services;
    }

    public static void MapGatewayReflection(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<ReflectionServiceImpl>();
        endpoints.MapGrpcService<ReflectionV1ServiceImpl>();
    }
}
