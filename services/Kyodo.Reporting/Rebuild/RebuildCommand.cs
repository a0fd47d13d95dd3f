using System.Globalization;
using System.Runtime.InteropServices;
using Kyodo.ServiceDefaults.Grpc;

namespace Kyodo.Reporting.Rebuild;

/// <summary>
/// <c>dotnet Kyodo.Reporting.dll rebuild [--municipality CODE]</c>: repopulates the read models
/// from the other services' list APIs (Services:Plan, Services:Budget, Services:Subsidy) and
/// exits, without starting the host: 0 when done; 1 when a service failed or did not answer a
/// call within Rebuild:CallTimeout (default 30 s; the message on stderr names the service), the
/// reporting database failed (after retrying deadlocks and serialization failures), anything
/// else went wrong, or the rebuild was stopped (Ctrl+C, SIGTERM), each with one line on stderr;
/// 2 on bad arguments or settings. Safe to run while the service runs, and again after any of these.
/// </summary>
public static class RebuildCommand
{
    private static readonly TimeSpan LongestCallTimeout = TimeSpan.FromHours(1);

    public static bool Matches(string[] args) => args is ["rebuild", ..];

    /// <summary>Runs the command, stopping at Ctrl+C or SIGTERM.</summary>
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true; // not the default (ending the process at once): the rebuild stops its calls and exits 1
            stop.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return await RunAsync(app, args, Console.Out, Console.Error, stop.Token);
    }

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        string? municipality = null;
        if (args is ["rebuild", "--municipality", var code]) municipality = code;
        else if (args is not ["rebuild"])
            return await UsageAsync(errors, "expected: rebuild [--municipality CODE]");
        if (municipality is not null && !MunicipalityCode.IsValid(municipality))
            return await UsageAsync(errors, $"--municipality must be a 5-digit local-government code, not '{municipality}'");

        var configuration = app.Configuration;
        var timeoutText = configuration["Rebuild:CallTimeout"];
        var callTimeout = RebuildSources.DefaultCallTimeout;
        if (timeoutText is not null && !(TimeSpan.TryParse(timeoutText, CultureInfo.InvariantCulture, out callTimeout)
                                         && callTimeout > TimeSpan.Zero && callTimeout <= LongestCallTimeout))
            return await UsageAsync(errors,
                $"Rebuild:CallTimeout must be a time span above 0 and at most {LongestCallTimeout:c} (e.g. 00:00:30), not '{timeoutText}'");

        var token = RebuildToken.From(configuration, TimeSpan.FromHours(1));
        var log = app.Services.GetRequiredService<ILogger<ReadModelRebuild>>();
        if (token is null)
            log.LogWarning("No Rebuild:BearerToken and no local Auth signing key: calling the services without a token");

        using var sources = new RebuildSources(
            Address(configuration["Services:Plan"], "Services:Plan"),
            Address(configuration["Services:Budget"], "Services:Budget"),
            Address(configuration["Services:Subsidy"], "Services:Subsidy"),
            token, callTimeout);
        var rebuild = new ReadModelRebuild(app.Services.GetRequiredService<IServiceScopeFactory>(), sources,
            app.Services.GetRequiredService<TimeProvider>(), log);
        try
        {
            foreach (var counts in await rebuild.RunAsync(municipality, ct))
                await output.WriteLineAsync(counts.ToString());
            return 0;
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Whatever failed once a stop was asked for (a cancelled call, query or wait) failed because of it.
            await errors.WriteLineAsync("rebuild: stopped before it finished; what it wrote so far stays, and a new run completes it");
            return 1;
        }
        catch (Exception e) when (e is RebuildSourceException or RebuildDatabaseException)
        {
            await errors.WriteLineAsync($"rebuild: {e.Message}");
            return 1;
        }
        catch (Exception e)
        {
            // A fault of the rebuild itself: one line for the operator, the stack trace in the log.
            log.LogError(e, "Rebuild failed");
            await errors.WriteLineAsync($"rebuild: failed ({e.GetType().Name}: {RebuildDatabase.Describe(e)}); what it wrote so far stays");
            return 1;
        }
    }

    // Keys spelled out at the call: the deployment tests derive what each application reads from the code.
    private static Uri Address(string? configured, string key) =>
        new(configured ?? throw new InvalidOperationException($"{key} is not configured."));

    private static async Task<int> UsageAsync(TextWriter errors, string message)
    {
        await errors.WriteLineAsync($"rebuild: {message}");
        return 2;
    }
}
