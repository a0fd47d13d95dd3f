using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Kyodo.Benchmarks.Common;

namespace Kyodo.Reporting.Benchmarks.National;

/// <summary>
/// The reporting service as a process of its own (this program in serve-reporting mode), on
/// loopback ports chosen here, configured through the environment: what it consumes and what its
/// JIT compiles come back on its stdout (<see cref="ServeReporting"/>), its peak resident memory from /proc.
/// </summary>
public sealed class ReportingProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<Consumed> _consumed = new();
    private int _faults;
    private readonly object _jitGate = new();
    private (JitMark Mark, long At) _jitLast, _jitBefore;

    public Uri GrpcAddress { get; }
    public int Faults => _faults;
    public int Count => _consumed.Count;
    public bool HasExited => _process.HasExited;
    public string ExitDescription => _process.HasExited ? $"exited with {_process.ExitCode}" : "running";
    public IReadOnlyList<Consumed> Snapshot() => [.. _consumed];

    /// <summary>What the process's JIT compiled so far, as last reported (at most a second old).</summary>
    public JitMark Jit
    {
        get { lock (_jitGate) return _jitLast.Mark; }
    }

    /// <summary>The JIT's share of one core between the process's last two reports (NaN before the second).</summary>
    public double JitShareOfACoreLastSecond
    {
        get
        {
            lock (_jitGate)
                return _jitBefore.At == 0 ? double.NaN
                    : _jitLast.Mark.Since(_jitBefore.Mark).ShareOfACore(Stopwatch.GetElapsedTime(_jitBefore.At, _jitLast.At));
        }
    }

    private ReportingProcess(Process process, Uri grpc)
    {
        (_process, GrpcAddress) = (process, grpc);
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"  [reporting] {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static async Task<ReportingProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken ct)
    {
        var (grpcPort, healthPort) = (FreePort(), FreePort());
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            start.ArgumentList.Add(typeof(ReportingProcess).Assembly.Location);
        start.ArgumentList.Add("serve-reporting");
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        // As the service's own appsettings.json has them (this program's output folder holds every service's, so none is relied on).
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}";
        start.Environment["Kestrel__Endpoints__Grpc__Protocols"] = "Http2";
        start.Environment["Kestrel__Endpoints__Health__Url"] = $"http://127.0.0.1:{healthPort}";
        start.Environment["Kestrel__Endpoints__Health__Protocols"] = "Http1";
        start.Environment["Database__MigrateOnStartup"] = "true";
        // As the service's image runs it (services/Kyodo.Reporting/Dockerfile): optimised code from the first events on.
        start.Environment["DOTNET_TC_CallCountingDelayMs"] = "0";
        // As the service's own runtimeconfig has them: this process runs this program's runtimeconfig, not the service's.
        foreach (var (variable, value) in ServiceRuntimeConfig.EnvironmentVariables()) start.Environment[variable] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("the reporting process did not start");
        var reporting = new ReportingProcess(process, new Uri($"http://127.0.0.1:{grpcPort}"));
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddMinutes(5); // the first start migrates its database
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the reporting process exited with {process.ExitCode} before it was ready");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{healthPort}/readyz", ct)).IsSuccessStatusCode) return reporting;
            }
            catch (HttpRequestException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the reporting process was not ready within 5 minutes");
            await Task.Delay(200, ct);
        }
    }

    /// <summary>Its peak resident set (VmHWM) so far, in MiB.</summary>
    public double PeakMemoryMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private void Read(string? line)
    {
        if (line is null) return;
        if (line == "F") Interlocked.Increment(ref _faults);
        else if (line.StartsWith("J ", StringComparison.Ordinal))
        {
            var parts = line.Split(' ');
            var mark = new JitMark(long.Parse(parts[1], CultureInfo.InvariantCulture),
                TimeSpan.FromMilliseconds(double.Parse(parts[2], CultureInfo.InvariantCulture)));
            lock (_jitGate) (_jitBefore, _jitLast) = (_jitLast, (mark, Stopwatch.GetTimestamp()));
        }
        else if (line.StartsWith("C ", StringComparison.Ordinal))
        {
            var parts = line.Split(' ');
            double At(int i) => double.Parse(parts[i], CultureInfo.InvariantCulture);
            _consumed.Enqueue(new Consumed(DateTimeOffset.FromUnixTimeMilliseconds((long)At(1)), At(2), At(2) - At(3), At(3), At(4)));
        }
    }

    /// <summary>Stops it as an orchestrator would (SIGTERM, then the host's graceful shutdown) and waits.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            // Until it is gone its consumers may still take what is published next.
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
