using System.Buffers;
using System.IO.Compression;

namespace Kyodo.Gateway;

/// <summary>
/// Measures a compressed gRPC message as the service would see it, without ever holding more than
/// a small buffer of it inflated: a few kilobytes of zeros can inflate to gigabytes. The encodings
/// are those grpc-dotnet services accept: gzip and deflate (zlib format).
/// </summary>
public static class CompressedMessage
{
    /// <summary>The grpc-encoding names the gateway can measure, as grpc-accept-encoding lists them.</summary>
    public const string Accepted = "identity,gzip,deflate";

    public static bool CanMeasure(string encoding) => encoding is "gzip" or "deflate";

    /// <summary>
    /// The inflated length, or <paramref name="limit"/> + 1 once it is known to be larger (inflation
    /// stops there); null when the data is not valid in its encoding.
    /// </summary>
    public static long? InflatedLength(string encoding, ReadOnlySequence<byte> compressed, long limit)
    {
        var input = ArrayPool<byte>.Shared.Rent((int)compressed.Length);
        var scratch = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            compressed.CopyTo(input);
            var source = new MemoryStream(input, 0, (int)compressed.Length, writable: false);
            using Stream inflating = encoding == "gzip"
                ? new GZipStream(source, CompressionMode.Decompress)
                : new ZLibStream(source, CompressionMode.Decompress);
            long total = 0;
            int read;
            while ((read = inflating.Read(scratch, 0, scratch.Length)) > 0)
            {
                total += read;
                if (total > limit) return limit + 1;
            }
            return total;
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
            ArrayPool<byte>.Shared.Return(input);
        }
    }
}
