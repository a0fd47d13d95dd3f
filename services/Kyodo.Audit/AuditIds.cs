namespace Kyodo.Audit;

/// <summary>
/// UUIDv7 ids stamped with the service's clock and strictly increasing within the process,
/// so a trail read by id descending is newest first even for writes in the same millisecond
/// (a plain v7's bits below the millisecond are random).
/// </summary>
internal static class AuditIds
{
    private static readonly Lock Gate = new();
    private static UInt128 _last;

    public static Guid Next(DateTimeOffset now)
    {
        var candidate = Read(Guid.CreateVersion7(now));
        lock (Gate)
        {
            // Same millisecond (or a clock that stepped back): one past the last id, in its random bits.
            if (candidate <= _last) candidate = _last + 1;
            _last = candidate;
        }
        return Write(candidate);
    }

    private static UInt128 Read(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private static Guid Write(UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new Guid(bytes, bigEndian: true);
    }
}
