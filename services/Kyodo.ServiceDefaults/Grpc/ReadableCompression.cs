using System.IO.Compression;
using Grpc.Net.Compression;

namespace Kyodo.ServiceDefaults.Grpc;

/// <summary>
/// A compression provider whose decompression stream answers corrupt input (not gzip, a broken
/// deflate stream, truncated data) with INVALID_ARGUMENT naming the encoding, instead of the
/// InvalidDataException that grpc-dotnet would report as UNKNOWN.
/// </summary>
internal sealed class ReadableCompression(ICompressionProvider inner) : ICompressionProvider
{
    public string EncodingName => inner.EncodingName;

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
        inner.CreateCompressionStream(stream, compressionLevel);

    public Stream CreateDecompressionStream(Stream stream) => new Guarded(inner.CreateDecompressionStream(stream), EncodingName);

    private sealed class Guarded(Stream inner, string encoding) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Guard(() => inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return inner.Read(buffer);
            }
            catch (InvalidDataException ex)
            {
                throw ReadableRequests.Unreadable($"{encoding}-compressed data", ex);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken);
            }
            catch (InvalidDataException ex)
            {
                throw ReadableRequests.Unreadable($"{encoding}-compressed data", ex);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Guard(Func<int> read)
        {
            try
            {
                return read();
            }
            catch (InvalidDataException ex)
            {
                throw ReadableRequests.Unreadable($"{encoding}-compressed data", ex);
            }
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
