using System.Security.Cryptography;
using Google.Protobuf;

namespace Kyodo.ServiceDefaults.Idempotency;

/// <summary>
/// The first successful answer to a call made with a caller's key (budget's idempotency keys, and
/// any service's <c>request_id</c>: <see cref="RequestIdInterceptor"/>), so a retry gets the same
/// answer without acting twice, and a different request under the same key is recognised and
/// refused. Written in the transaction of the change it answers for: the change and its answer are
/// stored together or not at all. Keys are scoped by municipality: each municipality has its own.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>The municipality the key belongs to (for request ids: the caller's, blank for a caller of several).</summary>
    public string MunicipalityCode { get; private set; } = "";
    public string Key { get; private set; } = "";
    public string Operation { get; private set; } = "";
    /// <summary>SHA-256 of the request message's bytes.</summary>
    public byte[] RequestHash { get; private set; } = [];
    /// <summary>The response message's bytes.</summary>
    public byte[] Response { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }

    private IdempotencyRecord() { }

    public IdempotencyRecord(string municipalityCode, string key, string operation, byte[] requestHash, byte[] response,
        DateTimeOffset createdAt)
    {
        MunicipalityCode = municipalityCode;
        Key = key;
        Operation = operation;
        RequestHash = requestHash;
        Response = response;
        CreatedAt = createdAt;
    }

    /// <summary>The record of <paramref name="response"/> answering <paramref name="request"/>.</summary>
    public static IdempotencyRecord Answer(string municipalityCode, string key, string operation, IMessage request, IMessage response,
        DateTimeOffset at) =>
        new(municipalityCode, key, operation, HashOf(request), response.ToByteArray(), at);

    /// <summary>True when this record answered exactly <paramref name="request"/> of <paramref name="operation"/>.</summary>
    public bool Answers(string operation, IMessage request) =>
        Operation == operation && RequestHash.AsSpan().SequenceEqual(HashOf(request));

    internal static byte[] HashOf(IMessage request) => SHA256.HashData(request.ToByteArray());
}
