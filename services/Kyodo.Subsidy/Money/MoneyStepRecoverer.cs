using Kyodo.ServiceDefaults.Data;
using Kyodo.Subsidy.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kyodo.Subsidy.Money;

/// <summary>Money steps (section "MoneySteps").</summary>
public sealed class MoneyStepOptions
{
    /// <summary>How often the recoverer looks for steps left behind.</summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A step older than this is left behind: no call can still end it, since a call waits for the
    /// budget service at most BudgetService:Timeout (5 s) and then ends its step at once. Keep it well
    /// above that timeout; a call that ends a step the recoverer ended first answers an error and the
    /// step's recovery stands.
    /// </summary>
    public TimeSpan LeftBehindAfter { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Ends the money steps that a crash, or an answer lost on the way, left behind (MoneySteps.RecoverAsync):
/// an award undone, a settlement finished. Safe to run twice and on several instances: each step is
/// ended in a transaction that holds its application's row lock and reads the step again under it.
/// </summary>
internal sealed class MoneyStepRecoverer(IServiceScopeFactory scopes, DatabaseReadiness readiness, IOptions<MoneyStepOptions> options,
    TimeProvider clock, ILogger<MoneyStepRecoverer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RecoverLeftBehindAsync(stoppingToken);
                await Task.Delay(options.Value.RecoveryInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Money step recovery failed; trying again in {Interval}s",
                    options.Value.RecoveryInterval.TotalSeconds);
                await Task.Delay(options.Value.RecoveryInterval, clock, stoppingToken);
            }
        }
    }

    private async Task RecoverLeftBehindAsync(CancellationToken ct)
    {
        List<Guid> leftBehind;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var startedBefore = clock.GetUtcNowForStorage() - options.Value.LeftBehindAfter;
            leftBehind = await scope.ServiceProvider.GetRequiredService<SubsidyDbContext>().MoneySteps
                .Where(s => s.StartedAt < startedBefore).OrderBy(s => s.StartedAt).Select(s => s.Id).Take(100).ToListAsync(ct);
        }
        foreach (var stepId in leftBehind)
        {
            ct.ThrowIfCancellationRequested();
            // a context of its own per step: nothing of one step's end leaks into the next
            await using var scope = scopes.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<MoneySteps>().RecoverAsync(stepId))
                logger.LogWarning("Money step {Step} was left behind (a crash or a lost answer) and has been ended", stepId);
        }
    }
}
