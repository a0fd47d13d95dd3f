using Google.Protobuf;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Idempotency;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Kyodo.Budget.Data;

/// <summary>
/// Answers a retried call from the record of its first success. Either look the key up inside the
/// transaction that holds the budget line's row lock (<see cref="FindAnswerAsync"/>), so concurrent
/// calls with one key see each other's record instead of both acting; or act first and write the
/// key's record with the step (its primary key refuses a key used before), then, only when the step
/// failed in a way a used key explains, look for the first answer (<see cref="AnswerOfKeyUsedBeforeAsync"/>):
/// a first-time key, the common case, then costs no lookup. Keys are the municipality's own (that of the line
/// acted on): a key another municipality used, even a predictable one like subsidy's
/// <c>subsidy-award-{application}</c>, neither blocks this one's call nor shows it exists.
/// </summary>
internal static class Idempotency
{
    public static async Task<TResponse?> FindAnswerAsync<TResponse>(this BudgetDbContext db, string municipalityCode, string key,
        string operation, IMessage request, MessageParser<TResponse> parser, CancellationToken ct)
        where TResponse : class, IMessage<TResponse>
    {
        var record = await db.IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.MunicipalityCode == municipalityCode && r.Key == key, ct);
        if (record is null) return null;
        if (record.Operation == AbandonedOperation)
            throw new DomainRuleException("RESERVATION_ABANDONED",
                BudgetErrors.AbandonedIdempotencyKey(key));
        if (!record.Answers(operation, request))
            throw new DomainRuleException("IDEMPOTENCY_KEY_REUSED",
                BudgetErrors.IdempotencyKeyReused(key, record.Operation));
        return parser.ParseFrom(record.Response);
    }

    /// <summary>
    /// Whether a keyed step's failure may come from its key having been used before: the key's record
    /// refused as a duplicate, or a rule refusing what the first call already did (a retry of the
    /// reservation that took a line's last yen finds the line exhausted).
    /// </summary>
    public static bool MayHaveBeenUsedBefore(Exception failure) => failure switch
    {
        DomainRuleException => true,
        DbUpdateException
        {
            InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "PK_idempotency_records" },
        } => true,
        _ => false,
    };

    /// <summary>
    /// After a keyed step failed (<see cref="MayHaveBeenUsedBefore"/>) and its transaction rolled back: the
    /// first call's answer; RESERVATION_ABANDONED or IDEMPOTENCY_KEY_REUSED for a key that cannot answer
    /// this request; null when the key was not used, so the step's own failure stands.
    /// </summary>
    public static Task<TResponse?> AnswerOfKeyUsedBeforeAsync<TResponse>(this BudgetDbContext db, string municipalityCode, string key,
        string operation, IMessage request, MessageParser<TResponse> parser, CancellationToken ct)
        where TResponse : class, IMessage<TResponse>
    {
        db.ChangeTracker.Clear(); // what the failed step added was rolled back with it
        return db.FindAnswerAsync(municipalityCode, key, operation, request, parser, ct);
    }

    public static void RememberAnswer(this BudgetDbContext db, string municipalityCode, string key, string operation, IMessage request,
        IMessage response, DateTimeOffset at) =>
        db.IdempotencyRecords.Add(IdempotencyRecord.Answer(municipalityCode, key, operation, request, response, at));

    /// <summary>The operation of a key closed by <see cref="CloseKey"/>.</summary>
    public const string AbandonedOperation = "AbandonedReserve";

    /// <summary>Closes a key nothing was done under yet: any call with it from now on is refused (RESERVATION_ABANDONED).</summary>
    public static void CloseKey(this BudgetDbContext db, string municipalityCode, string key, DateTimeOffset at) =>
        db.IdempotencyRecords.Add(new IdempotencyRecord(municipalityCode, key, AbandonedOperation, [], [], at));
}
