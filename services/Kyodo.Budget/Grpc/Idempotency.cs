using Google.Protobuf;
using Kyodo.Budget.Data;
using Kyodo.ServiceDefaults.Idempotency;
using Kyodo.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Grpc;

/// <summary>
/// Answers a retried call from the record of its first success. Call inside the transaction
/// that holds the budget line's row lock: concurrent calls with one key then see each
/// other's record instead of both acting. Keys are the municipality's own (that of the line
/// acted on): a key another municipality used, even a predictable one like subsidy's
/// <c>subsidy-award-{application}</c>, neither blocks this one's call nor shows it exists.
/// </summary>
internal static class Idempotency
{
    public static async Task<TResponse?> FindAnswerAsync<TResponse>(this BudgetDbContext db, string municipalityCode, string key, string operation,
        IMessage request, MessageParser<TResponse> parser, CancellationToken ct) where TResponse : class, IMessage<TResponse>
    {
        var record = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.MunicipalityCode == municipalityCode && r.Key == key, ct);
        if (record is null) return null;
        if (record.Operation == AbandonedOperation)
            throw new DomainRuleException("RESERVATION_ABANDONED",
                BudgetErrors.AbandonedIdempotencyKey(key));
        if (!record.Answers(operation, request))
            throw new DomainRuleException("IDEMPOTENCY_KEY_REUSED",
                BudgetErrors.IdempotencyKeyReused(key, record.Operation));
        return parser.ParseFrom(record.Response);
    }

    public static void RememberAnswer(this BudgetDbContext db, string municipalityCode, string key, string operation, IMessage request, IMessage response,
        DateTimeOffset at) =>
        db.IdempotencyRecords.Add(IdempotencyRecord.Answer(municipalityCode, key, operation, request, response, at));

    /// <summary>The operation of a key closed by <see cref="CloseKey"/>.</summary>
    public const string AbandonedOperation = "AbandonedReserve";

    /// <summary>Closes a key nothing was done under yet: any call with it from now on is refused (RESERVATION_ABANDONED).</summary>
    public static void CloseKey(this BudgetDbContext db, string municipalityCode, string key, DateTimeOffset at) =>
        db.IdempotencyRecords.Add(new IdempotencyRecord(municipalityCode, key, AbandonedOperation, [], [], at));

    public static void ValidateKey(RequestValidation v, string key) =>
        v.Required(key, "idempotency_key").MaxLength(key, 200, "idempotency_key");
}
