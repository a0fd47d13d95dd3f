using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Kyodo.ServiceDefaults.Grpc;

public static class JsonTranscodingDefaults
{
    /// <summary>
    /// JSON/REST for the RPCs the protos annotate with google.api.http, reached through the
    /// gateway's REST port. The error details the error interceptor attaches (BadRequest,
    /// ErrorInfo, ResourceInfo …, as google.protobuf.Any) must be in the type registry, or
    /// writing a REST error would fail with an empty HTTP 500.
    /// </summary>
    public static IGrpcServerBuilder AddKyodoJsonTranscoding(this IGrpcServerBuilder grpc) =>
        grpc.AddJsonTranscoding(options =>
            options.TypeRegistry = TypeRegistry.FromFiles(ErrorDetailsReflection.Descriptor));
}
