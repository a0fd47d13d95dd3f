using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Kyodo.Benchmarks.Common;
using Kyodo.Contracts;
using Kyodo.Testing;
using MassTransit;

namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>
/// <c>Kyodo.Reporting.Benchmarks serve-reporting</c>: the reporting service alone in this process
/// (configured from the environment, as in production), so the benchmark measures its memory apart
/// from its own. Every event a consumer finishes is reported on stdout, one line each, for the
/// benchmark to time: "C at-ms lag-ms since-published-ms in-consumer-ms", or "F" for a fault; and once a
/// second what the runtime's JIT has compiled so far: "J methods jit-ms" (<see cref="JitMark"/>).
/// </summary>
public static class ServeReporting
{
    public static bool Matches(string[] args) => args is ["serve-reporting", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var probe = new StdoutProbe();
        // As the test and benchmark hosts start every app (a drain's profile found 15 % of this process reading file events).
        var app = ReportingApp.Create([HostArguments.WithoutConfigurationWatcher, .. args[1..]],
            builder => builder.Services.AddConsumeObserver(_ => probe));
        using var flushing = new CancellationTokenSource();
        var flusher = probe.FlushEveryAsync(TimeSpan.FromMilliseconds(50), flushing.Token);
        await app.RunAsync();
        await flushing.CancelAsync();
        await flusher;
        probe.Flush();
        return 0;
    }

    /// <summary>Collects lines as consumers finish and writes them in batches, so the consumers never wait on the console.</summary>
    private sealed class StdoutProbe : IConsumeObserver
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is IIntegrationEvent e)
            {
                var now = DateTimeOffset.UtcNow;
                var sent = context.SentTime is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : e.OccurredAt;
                _lines.Enqueue(string.Create(CultureInfo.InvariantCulture,
                    $"C {now.ToUnixTimeMilliseconds()} {(now - e.OccurredAt).TotalMilliseconds:F2} {(now - sent).TotalMilliseconds:F2} "
                    + $"{context.ReceiveContext.ElapsedTime.TotalMilliseconds:F2}"));
            }
            return Task.CompletedTask;
        }

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
        {
            _lines.Enqueue("F");
            return Task.CompletedTask;
        }

        public async Task FlushEveryAsync(TimeSpan interval, CancellationToken ct)
        {
            try
            {
                for (var jitReported = Stopwatch.GetTimestamp(); !ct.IsCancellationRequested;)
                {
                    if (Stopwatch.GetElapsedTime(jitReported) >= TimeSpan.FromSeconds(1))
                    {
                        var jit = JitMark.Now();
                        _lines.Enqueue(string.Create(CultureInfo.InvariantCulture, $"J {jit.Methods} {jit.Time.TotalMilliseconds:F1}"));
                        jitReported = Stopwatch.GetTimestamp();
                    }
                    Flush();
                    await Task.Delay(interval, ct);
                }
            }
            catch (OperationCanceledException) { }
        }

        public void Flush()
        {
            var batch = new System.Text.StringBuilder();
            while (_lines.TryDequeue(out var line)) batch.Append(line).Append('\n');
            if (batch.Length > 0)
            {
                Console.Out.Write(batch);
                Console.Out.Flush();
            }
        }
    }
}
