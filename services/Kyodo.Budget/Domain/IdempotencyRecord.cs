namespace Kyodo.Budget.Domain;

/// <summary>
/// The first successful answer to a call made with a caller's idempotency key, so a retry
/// gets the same answer without acting twice, and a different request under the same key
/// is recognised and refused. Keys are scoped by municipality: each municipality has its own.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>The municipality of the budget line the call acted on.</summary>
    public string MunicipalityCode { get; private set; } = "";
    public string Key { get; private set; } = "";
    public string Operation { get; private set; } = "";
    /// <summary>SHA-256 of the request message's bytes.</summary>
    public byte[] RequestHash { get; private set; } = [];
    /// <summary>The response message's bytes.</summary>
    public byte[] Response { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }

    private IdempotencyRecord() { }

    public IdempotencyRecord(string municipalityCode, string key, string operation, byte[] requestHash, byte[] response, DateTimeOffset createdAt)
    {
        MunicipalityCode = municipalityCode;
        Key = key;
        Operation = operation;
        RequestHash = requestHash;
        Response = response;
        CreatedAt = createdAt;
    }
}
