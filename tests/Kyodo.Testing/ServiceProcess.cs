using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;

namespace Kyodo.Testing;

/// <summary>
/// A Kyodo service running as a process of its own, from its build output (services/Kyodo.X/bin/…),
/// on fixed loopback ports: what a crash test kills with SIGKILL, at a failpoint it arms while the
/// process runs (<see cref="Arm"/>, through Failpoints:File), and starts again on the same ports and
/// database. An in-process host cannot be killed without killing the test.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _project;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly List<string> _output = [];
    private readonly Lock _gate = new();
    private readonly string _failpoints = Path.Combine(Path.GetTempPath(), $"kyodo-failpoints-{Guid.NewGuid():N}");
    private Process? _process;

    /// <summary>Where the time goes (process starts), for the test's output.</summary>
    public Action<string>? Log { get; set; }

    public int GrpcPort { get; }
    public int HealthPort { get; }
    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");
    /// <summary>A channel with the all-powerful test token; it reconnects across restarts.</summary>
    public GrpcChannel Channel { get; }

    private ServiceProcess(string project, IReadOnlyDictionary<string, string?> settings)
    {
        _project = project;
        _settings = settings;
        GrpcPort = FreePort();
        HealthPort = FreePort();
        Channel =
            GrpcChannel.ForAddress(GrpcAddress, new GrpcChannelOptions { HttpHandler = new BearerTokenHandler(TestAuth.SystemToken()) });
        // A test host that stops normally (or on SIGTERM) takes its processes with it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
    }

    /// <summary>
    /// Starts <paramref name="project"/> (Kyodo.Budget …) with <paramref name="settings"/> as environment
    /// variables and waits until it is ready; with <paramref name="start"/> false only chooses its ports
    /// (another service's settings need its address first), for <see cref="RestartAsync"/> to start it.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(string project, IReadOnlyDictionary<string, string?> settings, bool start = true)
    {
        var service = new ServiceProcess(project, settings);
        try
        {
            if (start) await service.RestartAsync();
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Disarms every failpoint and, when the process is not running (a test that failed before
    /// starting it again), starts it: what a test does first, so one failure does not fail the rest.
    /// </summary>
    public async Task EnsureRunningAsync()
    {
        File.WriteAllText(_failpoints, "");
        if (_process is not { HasExited: false }) await RestartAsync();
    }

    /// <summary>Arms <paramref name="failpoint"/>: the process pauses when it next reaches it (and prints so:
    /// <see cref="WaitForPauseAsync"/>).</summary>
    public void Arm(string failpoint) => File.WriteAllText(_failpoints, failpoint);

    /// <summary>Stops the process if it runs (SIGKILL), then starts it again with no failpoint armed and waits until it is ready.</summary>
    public async Task RestartAsync()
    {
        Kill();
        File.WriteAllText(_failpoints, "");
        var started = DateTime.UtcNow;
        var assembly = BuiltAssembly(_project);
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _settings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{GrpcPort}";
        start.Environment["Kestrel__Endpoints__Health__Url"] = $"http://127.0.0.1:{HealthPort}";
        start.Environment["Failpoints__File"] = _failpoints;
        lock (_gate) _output.Clear();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _output.Add(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilReadyAsync(TimeSpan.FromSeconds(180));
        Log?.Invoke($"{_project} ready {(DateTime.UtcNow - started).TotalSeconds:0.0} s after its start");
    }

    /// <summary>SIGKILL, as a crash: nothing of the process runs on (no graceful stop, no flush).</summary>
    public void Kill()
    {
        if (_process is not { } process) return;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(30_000);
        }
        catch (InvalidOperationException)
        {
            // exited meanwhile
        }
        process.Dispose();
        _process = null;
    }

    /// <summary>Waits until the process says it paused at <paramref name="failpoint"/> (see Failpoints).</summary>
    public async Task WaitForPauseAsync(string failpoint, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        var line = "KYODO-FAILPOINT-PAUSED " + failpoint;
        while (DateTime.UtcNow < deadline)
        {
            lock (_gate)
                if (_output.Contains(line)) return;
            if (_process is not { HasExited: false })
                throw new InvalidOperationException($"{_project} exited before reaching {failpoint}:\n{Output()}");
            await Task.Delay(20);
        }
        throw new TimeoutException($"{_project} did not reach failpoint {failpoint}:\n{Output()}");
    }

    /// <summary>What the process wrote (stdout and stderr), its last lines.</summary>
    public string Output()
    {
        lock (_gate) return string.Join('\n', _output.TakeLast(60));
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process is not { HasExited: false }) throw new InvalidOperationException($"{_project} exited while starting:\n{Output()}");
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{HealthPort}/readyz");
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{_project} not ready after {timeout.TotalSeconds} s:\n{Output()}");
    }

    /// <summary>The service's assembly as `dotnet build` left it (Debug, or Release if newer).</summary>
    private static string BuiltAssembly(string project)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Kyodo.sln")))
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Kyodo.sln not found above the test's folder");
        return new[] { "Debug", "Release" }
            .Select(c => Path.Combine(root, "services", project, "bin", c, "net10.0", project + ".dll"))
            .Where(File.Exists).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            ?? throw new InvalidOperationException($"{project}.dll is not built: run `dotnet build Kyodo.sln` first");
    }

    // Every port handed to a child in this test process: the kernel may offer a released port again,
    // and two children given one port make the second fail to start while the first answers its
    // readiness check (budget "ready" on subsidy's health port, its gRPC port refusing).
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A loopback port free a moment ago and never handed to another child: the child binds it (a port cannot be handed to another
    /// process bound).</summary>
    private static int FreePort()
    {
        lock (HandedOut)
        {
            while (true)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (HandedOut.Add(port)) return port;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        File.Delete(_failpoints);
        Channel.Dispose();
        return ValueTask.CompletedTask;
    }
}
