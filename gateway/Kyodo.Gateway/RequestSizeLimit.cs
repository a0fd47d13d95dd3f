using System.Buffers;
using System.Buffers.Binary;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;

namespace Kyodo.Gateway;

/// <summary>
/// Refuses an oversized request before anything is forwarded. gRPC: reads the first message's
/// 5-byte frame header (flag, big-endian length) without consuming it, and answers
/// RESOURCE_EXHAUSTED when the message is larger than Gateway:MaxGrpcMessageBytes (every Kyodo
/// RPC takes one request message). REST: HTTP 413 when Content-Length is over
/// Gateway:MaxRestBodyBytes; a body without a length is cut off at that size by Kestrel.
/// </summary>
public sealed class RequestSizeLimit(RequestDelegate next, GatewayOptions options)
{
    private const int FrameHeaderBytes = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        if (GatewayRefusals.IsGrpc(context.Request))
        {
            // Set before reading (it turns read-only then): the whole body is one frame.
            SetBodyLimit(context, options.MaxGrpcMessageBytes + FrameHeaderBytes);
            var length = await FirstMessageLengthAsync(context.Request.BodyReader, context.RequestAborted);
            if (length > options.MaxGrpcMessageBytes)
            {
                await GatewayRefusals.WriteAsync(context, StatusCode.ResourceExhausted, StatusCodes.Status413PayloadTooLarge,
                    $"the request message is {length} bytes; the gateway accepts at most {options.MaxGrpcMessageBytes}");
                return;
            }
        }
        else
        {
            if (context.Request.ContentLength > options.MaxRestBodyBytes)
            {
                await GatewayRefusals.WriteAsync(context, StatusCode.ResourceExhausted, StatusCodes.Status413PayloadTooLarge,
                    $"the request body is {context.Request.ContentLength} bytes; the gateway accepts at most {options.MaxRestBodyBytes}");
                return;
            }
            SetBodyLimit(context, options.MaxRestBodyBytes);
        }
        await next(context);
    }

    /// <summary>The declared length of the first message, or 0 when the body is shorter than a frame header.</summary>
    private static async Task<long> FirstMessageLengthAsync(System.IO.Pipelines.PipeReader reader, CancellationToken cancellationToken)
    {
        var result = await reader.ReadAtLeastAsync(FrameHeaderBytes, cancellationToken);
        var buffer = result.Buffer;
        try
        {
            if (buffer.Length < FrameHeaderBytes) return 0;
            Span<byte> header = stackalloc byte[FrameHeaderBytes];
            buffer.Slice(0, FrameHeaderBytes).CopyTo(header);
            return BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        }
        finally
        {
            // Consume nothing: the forwarder reads the body from its start.
            reader.AdvanceTo(buffer.Start);
        }
    }

    private static void SetBodyLimit(HttpContext context, long bytes)
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = bytes;
    }
}
