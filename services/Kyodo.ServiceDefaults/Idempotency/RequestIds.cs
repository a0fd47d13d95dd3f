using Google.Protobuf;
using Kyodo.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Kyodo.ServiceDefaults.Idempotency;

/// <summary>
/// The request id of the call under way (set by <see cref="RequestIdInterceptor"/>), and the place
/// its handler leaves its answer. One per call (scoped), on the call's own DbContext.
/// </summary>
public sealed class RequestIds(DbContext db, TimeProvider clock, Failpoints failpoints)
{
    private Claim? _claim;

    /// <summary>True once the handler stored its answer (or when the call carried no request id).</summary>
    internal bool Answered { get; private set; } = true;

    internal void Begin(Claim claim)
    {
        _claim = claim;
        Answered = false;
    }

    internal void End() => _claim = null;

    /// <summary>
    /// Stores <paramref name="response"/> as the answer to this call's request id (when it has one)
    /// in the handler's open transaction, before its COMMIT: the change and its answer are kept together,
    /// so a retry after a lost answer (even UNAVAILABLE after the COMMIT) gets this one. Build the
    /// response before committing; without a request id this does nothing.
    /// </summary>
    public async Task RememberAsync(IMessage response, CancellationToken ct)
    {
        if (_claim is not { } claim) return;
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException(
                $"{claim.Operation} stores its request id's answer outside a transaction; open one around the change and the answer.");
        db.Set<IdempotencyRecord>().Add(IdempotencyRecord.Answer(claim.MunicipalityCode, claim.Key, claim.Operation, claim.Request,
            response, clock.GetUtcNowForStorage()));
        await db.SaveChangesAsync(ct);
        Answered = true;
    }

    /// <summary>
    /// For a change whose end is not in the handler's transaction (a step ended later in the call, or by a
    /// recoverer after a crash): what to keep with it, so that whoever ends it stores this call's answer
    /// (<see cref="OwedAnswer.With"/>) in the transaction that ends it. Null without a request id. The call
    /// counts as answered: its answer is the end's to store, and a change undone stores none (a retry acts afresh).
    /// </summary>
    public OwedAnswer? Owe()
    {
        if (_claim is not { } claim) return null;
        Answered = true;
        return new OwedAnswer(claim.MunicipalityCode, claim.Key, claim.Operation, IdempotencyRecord.HashOf(claim.Request));
    }

    /// <summary>For a call that kept nothing (a validate_only check): its answer is not stored, and a retry runs it again.</summary>
    public void NotKept() => Answered = true;

    /// <summary>Stores <paramref name="response"/> (<see cref="RememberAsync"/>), commits <paramref name="transaction"/>, and returns the
    /// response.</summary>
    public async Task<TResponse> CommitAsync<TResponse>(IDbContextTransaction transaction, TResponse response,
        CancellationToken ct) where TResponse : IMessage
    {
        await RememberAsync(response, ct);
        // A crash test kills the process here (the change and its answer written, not committed) or just
        // after the COMMIT (kept, the answer never sent): either way a retry with the id makes one record.
        await failpoints.ReachedAsync("request_id.before_commit");
        await transaction.CommitAsync(ct);
        await failpoints.ReachedAsync("request_id.committed");
        return response;
    }

    internal Task<IdempotencyRecord?> FindAsync(Claim claim, CancellationToken ct) =>
        db.Set<IdempotencyRecord>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.MunicipalityCode == claim.MunicipalityCode && r.Key == claim.Key, ct);

    /// <summary>Drops what a failed run tracked, so the record can be read afresh.</summary>
    internal void ForgetTracked() => db.ChangeTracker.Clear();

    internal sealed record Claim(string MunicipalityCode, string Key, string RequestId, string Operation, IMessage Request);
}
