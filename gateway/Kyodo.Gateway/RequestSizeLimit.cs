using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;

namespace Kyodo.Gateway;

/// <summary>
/// Refuses an oversized request before anything is forwarded. gRPC: reads the first message's
/// 5-byte frame header (compressed flag, big-endian length) without consuming it, and answers
/// RESOURCE_EXHAUSTED when the message is larger than Gateway:MaxGrpcMessageBytes (every Kyodo
/// RPC takes one request message). A compressed message is measured as the service will see it:
/// the gateway inflates it (gzip or deflate, what the services accept; any other encoding is
/// UNIMPLEMENTED) and stops at the cap, so a small frame that decompresses above the cap is
/// refused here too, whatever cap this gateway has.
/// REST: HTTP 413 when Content-Length is over Gateway:MaxRestBodyBytes; a body without a length
/// is cut off at that size by Kestrel.
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
            if (!await FirstMessageFitsAsync(context)) return;
        }
        else
        {
            if (context.Request.ContentLength > options.MaxRestBodyBytes)
            {
                await GatewayRefusals.WriteAsync(context, StatusCode.ResourceExhausted, StatusCodes.Status413PayloadTooLarge,
                    GatewayMessages.BodyTooLarge(context.Request.ContentLength, options.MaxRestBodyBytes));
                return;
            }
            SetBodyLimit(context, options.MaxRestBodyBytes);
        }
        await next(context);
    }

    /// <summary>True when the first message is within the cap; otherwise answers the refusal.</summary>
    private async Task<bool> FirstMessageFitsAsync(HttpContext context)
    {
        var cap = options.MaxGrpcMessageBytes;
        var reader = context.Request.BodyReader;
        var (compressed, length) = await PeekFrameHeaderAsync(reader, context.RequestAborted);
        if (length > cap)
        {
            await GatewayRefusals.WriteAsync(context, StatusCode.ResourceExhausted, StatusCodes.Status413PayloadTooLarge,
                GatewayMessages.MessageTooLarge(length, cap));
            return false;
        }
        if (!compressed) return true;

        var encoding = context.Request.Headers["grpc-encoding"].ToString();
        if (!CompressedMessage.CanMeasure(encoding))
        {
            // As gRPC asks of a server that does not know a message's encoding.
            context.Response.Headers["grpc-accept-encoding"] = CompressedMessage.Accepted;
            await GatewayRefusals.WriteAsync(context, StatusCode.Unimplemented, StatusCodes.Status415UnsupportedMediaType,
                GatewayMessages.UnknownCompression(encoding));
            return false;
        }

        // The whole frame is at most the cap (checked above), so holding it unconsumed is bounded too.
        var result = await reader.ReadAtLeastAsync(FrameHeaderBytes + (int)length, context.RequestAborted);
        var frame = result.Buffer;
        long? inflated;
        try
        {
            inflated = frame.Length < FrameHeaderBytes + length ? null
                : CompressedMessage.InflatedLength(encoding, frame.Slice(FrameHeaderBytes, length), cap);
        }
        finally
        {
            // Consume nothing: the forwarder reads the body from its start.
            reader.AdvanceTo(frame.Start, frame.End);
        }
        if (inflated is null)
        {
            await GatewayRefusals.WriteAsync(context, StatusCode.InvalidArgument, StatusCodes.Status400BadRequest,
                GatewayMessages.BrokenCompression(encoding));
            return false;
        }
        if (inflated > cap)
        {
            await GatewayRefusals.WriteAsync(context, StatusCode.ResourceExhausted, StatusCodes.Status413PayloadTooLarge,
                GatewayMessages.InflatesTooLarge(cap));
            return false;
        }
        return true;
    }

    /// <summary>The first frame's compressed flag and declared length; (false, 0) when the body is shorter than a frame header.</summary>
    private static async Task<(bool Compressed, long Length)> PeekFrameHeaderAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        var result = await reader.ReadAtLeastAsync(FrameHeaderBytes, cancellationToken);
        var buffer = result.Buffer;
        try
        {
            if (buffer.Length < FrameHeaderBytes) return (false, 0);
            Span<byte> header = stackalloc byte[FrameHeaderBytes];
            buffer.Slice(0, FrameHeaderBytes).CopyTo(header);
            return (header[0] != 0, BinaryPrimitives.ReadUInt32BigEndian(header[1..]));
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
