using Google.Protobuf;

namespace Kyodo.ServiceDefaults.Idempotency;

/// <summary>
/// The answer a call with a <c>request_id</c> still owes when its change ends outside its handler's
/// transaction (a step recorded first and ended later, perhaps by a recoverer in another process
/// after a crash): everything of the call's <see cref="IdempotencyRecord"/> but the response, kept
/// with the step, so that whoever ends the step stores the answer in the transaction that ends it.
/// </summary>
public sealed record OwedAnswer(string MunicipalityCode, string Key, string Operation, byte[] RequestHash)
{
    /// <summary>The record answering the call with <paramref name="response"/>, to add in the transaction that ends the step.</summary>
    public IdempotencyRecord With(IMessage response, DateTimeOffset at) =>
        new(MunicipalityCode, Key, Operation, RequestHash, response.ToByteArray(), at);
}
