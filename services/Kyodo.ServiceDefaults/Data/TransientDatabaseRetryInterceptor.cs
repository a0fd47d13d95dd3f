using Grpc.Core;
using Grpc.Core.Interceptors;
using Kyodo.ServiceDefaults.Grpc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kyodo.ServiceDefaults.Data;

/// <summary>
/// Runs a unary call again when the database failed it transiently (a restart, a broken pooled
/// connection: <see cref="TransientDatabaseFailures"/>) before anything it wrote could have been
/// committed (<see cref="DatabaseWriteWatch"/>): the call's transaction ended with its connection, so
/// another run is the same as the first. The handlers open explicit transactions, which EF's
/// retrying execution strategy refuses; this retries the whole call instead, at most
/// <see cref="Delays"/>.Length more times and never past the call's deadline. The pool is cleared
/// first (a restarted server broke every idle connection in it) and the contexts forget what the
/// failed run tracked. A failure after a COMMIT went out is never retried here: its outcome is
/// unknown, and the caller hears UNAVAILABLE.
/// </summary>
public sealed class TransientDatabaseRetryInterceptor(ILogger<TransientDatabaseRetryInterceptor> logger) : Interceptor
{
    private static readonly TimeSpan[] Delays =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        for (var retry = 0; ; retry++)
        {
            var attempt = DatabaseAttempt.Start();
            try
            {
                return await continuation(request, context);
            }
            catch (Exception ex) when (retry < Delays.Length && MayRunAgain(ex, attempt, context, Delays[retry]))
            {
                logger.LogWarning(ex, "{Method} met a transient database failure before writing anything; running it again in {Delay} ms",
                    context.Method, Delays[retry].TotalMilliseconds);
                Forget(attempt);
                await Task.Delay(Delays[retry], context.CancellationToken);
            }
            finally
            {
                DatabaseAttempt.End();
            }
        }
    }

    private static bool MayRunAgain(Exception ex, DatabaseAttempt attempt, ServerCallContext context, TimeSpan delay) =>
        !attempt.MayHaveWritten
        && TransientDatabaseFailures.Find(ex) is not null
        && !context.CancellationToken.IsCancellationRequested
        && (CallDeadline.Of(context) ?? DateTime.MaxValue) > DateTime.UtcNow + delay;

    private static void Forget(DatabaseAttempt attempt)
    {
        foreach (var db in attempt.Contexts)
        {
            db.ChangeTracker.Clear();
            if (db.Database.GetDbConnection() is NpgsqlConnection connection) NpgsqlConnection.ClearPool(connection);
        }
    }
}
