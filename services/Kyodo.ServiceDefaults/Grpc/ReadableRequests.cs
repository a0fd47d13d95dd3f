using System.IO.Compression;
using System.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Grpc.Net.Compression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kyodo.ServiceDefaults.Grpc;

/// <summary>
/// A request message that cannot be read (invalid UTF-8, a wrong wire type, a varint too long, a
/// length past the end, nesting beyond 100) or a compressed one that cannot be inflated is the
/// caller's mistake: INVALID_ARGUMENT saying what could not be read. grpc-dotnet reads the message
/// before any interceptor runs, and answers a failure there as UNKNOWN "Exception was thrown by
/// handler." — so each method is bound here with its request deserializer wrapped (in place of
/// grpc-dotnet's own binder, which does the same binding without the wrapper), and each
/// decompressor too.
/// </summary>
public static class ReadableRequests
{
    public static IServiceCollection AddReadableRequests(this IServiceCollection services)
    {
        var binder = services.SingleOrDefault(d => d.ServiceType == typeof(IServiceMethodProvider<>)
                && d.ImplementationType is { Name: "BinderServiceMethodProvider`1" })
            ?? throw new InvalidOperationException(
                "grpc-dotnet's BinderServiceMethodProvider was not found to replace; call after AddGrpc.");
        services.Remove(binder);
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(ReadableMethodProvider<>)));
        return services;
    }

    /// <summary>gzip and deflate, whose corrupt input is INVALID_ARGUMENT rather than UNKNOWN.</summary>
    public static void UseReadableCompression(this GrpcServiceOptions options) =>
        options.CompressionProviders =
        [
            new ReadableCompression(new GzipCompressionProvider(CompressionLevel.Fastest)),
            new ReadableCompression(new DeflateCompressionProvider(CompressionLevel.Fastest)),
        ];

    /// <summary>What a caller is told; the parser's own text names no part of the input, only what was wrong.</summary>
    internal static RpcException Unreadable(string what, Exception ex) =>
        new(new Status(StatusCode.InvalidArgument,
            $"The request message could not be read as {what}: {Kyodo.ServiceDefaults.Errors.StatusBounds.Cut(ex.Message, 200)}"));

    private static TRequest Read<TRequest>(Func<DeserializationContext, TRequest> deserialize, DeserializationContext context)
    {
        try
        {
            return deserialize(context);
        }
        catch (Exception ex) when (ex is not (RpcException or OperationCanceledException))
        {
            throw Unreadable(typeof(TRequest).Name, ex);
        }
    }

    private static Method<TRequest, TResponse> WithReadableRequests<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class where TResponse : class
    {
        var deserialize = method.RequestMarshaller.ContextualDeserializer;
        var requests = Marshallers.Create(method.RequestMarshaller.ContextualSerializer, context => Read(deserialize, context));
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, requests, method.ResponseMarshaller);
    }

    /// <summary>Binds a service's methods from its generated BindService, as grpc-dotnet's binder does.</summary>
    private sealed class ReadableMethodProvider<TService> : IServiceMethodProvider<TService> where TService : class
    {
        public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
        {
            for (var type = typeof(TService); type is not null; type = type.BaseType)
            {
                if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is not { } bind) continue;
                var bindService = bind.BindType.GetMethod(bind.BindMethodName, BindingFlags.Public | BindingFlags.Static,
                    [typeof(ServiceBinderBase), type])
                    ?? throw new InvalidOperationException(
                        $"{bind.BindType.Name}.{bind.BindMethodName} not found for {typeof(TService).Name}.");
                bindService.Invoke(null, [new Binder(context), null]);
                return;
            }
        }

        /// <summary>Receives each method of the generated BindService; the handler is the service's method of that name.</summary>
        private sealed class Binder(ServiceMethodProviderContext<TService> context) : ServiceBinderBase
        {
            public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method,
                UnaryServerMethod<TRequest, TResponse>? handler)
            {
                if (Handler<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest),
                    typeof(ServerCallContext)) is { } invoker)
                    context.AddUnaryMethod(WithReadableRequests(method), Metadata(method.Name), invoker);
            }

            public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method,
                ServerStreamingServerMethod<TRequest, TResponse>? handler)
            {
                if (Handler<ServerStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest),
                    typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)) is { } invoker)
                    context.AddServerStreamingMethod(WithReadableRequests(method), Metadata(method.Name), invoker);
            }

            public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method,
                ClientStreamingServerMethod<TRequest, TResponse>? handler)
            {
                if (Handler<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>),
                    typeof(ServerCallContext)) is { } invoker)
                    context.AddClientStreamingMethod(WithReadableRequests(method), Metadata(method.Name), invoker);
            }

            public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method,
                DuplexStreamingServerMethod<TRequest, TResponse>? handler)
            {
                if (Handler<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>),
                    typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)) is { } invoker)
                    context.AddDuplexStreamingMethod(WithReadableRequests(method), Metadata(method.Name), invoker);
            }

            private static TDelegate? Handler<TDelegate>(string name, params Type[] parameters) where TDelegate : Delegate =>
                typeof(TService).GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters) is { } handler
                    ? (TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler)
                    : null;

            /// <summary>The endpoint metadata grpc-dotnet gives: the service type's attributes, then the method's.</summary>
            private static List<object> Metadata(string name)
            {
                var metadata = new List<object>(typeof(TService).GetCustomAttributes(inherit: true));
                if (typeof(TService).GetMethod(name, BindingFlags.Public | BindingFlags.Instance) is { } handler)
                    metadata.AddRange(handler.GetCustomAttributes(inherit: true));
                return metadata;
            }
        }
    }
}
