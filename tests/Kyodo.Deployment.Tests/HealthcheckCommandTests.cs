using System.Net;
using System.Net.Sockets;

namespace Kyodo.Deployment.Tests;

/// <summary>
/// `dotnet Kyodo.X.dll healthcheck [ready]`, what the containers' health checks run (the
/// runtime image has no curl): it asks /healthz (/readyz) on the health port from
/// configuration and exits 0 on success, 1 otherwise, without starting the application.
/// Runs each application's built assembly (dotnet build Kyodo.sln first) against a stand-in
/// health endpoint, with only the settings the application requires.
/// </summary>
public class HealthcheckCommandTests
{
    [Theory]
    [MemberData(nameof(Apps.Names), MemberType = typeof(Apps))]
    public async Task AsksTheHealthPortFromConfigurationAndExitsByTheAnswer(string name)
    {
        var app = Apps.Named(name);
        using var health = new StandInHealthEndpoint(healthz: HttpStatusCode.OK, readyz: HttpStatusCode.ServiceUnavailable);

        var alive = Healthcheck(app, health.Port, "healthcheck");
        Assert.True(alive.ExitCode == 0, $"{app}: healthcheck exited {alive.ExitCode}: {alive.StandardError}");
        var notReady = Healthcheck(app, health.Port, "healthcheck", "ready");
        Assert.Equal(1, notReady.ExitCode);
        Assert.Contains("503", notReady.StandardError);
        Assert.Equal(["/healthz", "/readyz"], await health.PathsAsync());

        using (var closed = HeldClosedPort())
        {
            var nobody = Healthcheck(app, ((IPEndPoint)closed.LocalEndPoint!).Port, "healthcheck");
            Assert.Equal(1, nobody.ExitCode);
        }
    }

    private static ToolResult Healthcheck(App app, int port, params string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Kestrel__Endpoints__Health__Url"] = $"http://0.0.0.0:{port}",
        };
        // Only what the application requires, with values that reach nothing: the command
        // must not need a database or a broker.
        foreach (var key in app.Keys.Required)
            environment[key.Replace(":", "__")] = key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase)
                ? "Host=127.0.0.1;Port=9;Database=none;Username=none;Password=none"
                : key.StartsWith("Services:", StringComparison.OrdinalIgnoreCase) ? "http://127.0.0.1:9" : "none";
        // From the assembly's folder, as in the image (WORKDIR /app): appsettings.json is read from there.
        var assembly = BuiltAssembly(app);
        return Repo.Run("dotnet", [assembly, .. arguments], environment: environment, workingDirectory: Path.GetDirectoryName(assembly));
    }

    private static string BuiltAssembly(App app)
    {
        var candidates = new[] { "Debug", "Release" }
            .Select(c => Repo.PathOf($"{app.ProjectDir}/bin/{c}/net10.0/{app.Dll}"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .ToList();
        Assert.True(candidates.Count > 0, $"{app.Dll} is not built: run `dotnet build Kyodo.sln` first");
        return candidates[0];
    }

    /// <summary>
    /// A loopback port that refuses connections while the socket is held: bound, never
    /// listening, and without SO_REUSEADDR so nothing else can bind it meanwhile.
    /// </summary>
    private static Socket HeldClosedPort()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, false);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    /// <summary>A port that was free a moment ago; another process may take it before it is bound.</summary>
    private static int RecentlyFreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Answers GET /healthz and /readyz on a loopback port with fixed status codes, and records the paths asked.</summary>
    private sealed class StandInHealthEndpoint : IDisposable
    {
        private readonly HttpListener listener;
        private readonly List<string> paths = [];
        private readonly Task serving;

        public StandInHealthEndpoint(HttpStatusCode healthz, HttpStatusCode readyz)
        {
            // HttpListener cannot bind port 0: when the chosen port was taken in between, the
            // start fails, and a new listener on another port is tried (setup, not the assertion).
            for (var attempt = 1; ; attempt++)
            {
                Port = RecentlyFreePort();
                listener = new HttpListener();
                listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
                try
                {
                    listener.Start();
                    break;
                }
                catch (HttpListenerException) when (attempt < 10)
                {
                    listener.Close();
                }
            }
            serving = Task.Run(async () =>
            {
                while (listener.IsListening)
                {
                    HttpListenerContext context;
                    try { context = await listener.GetContextAsync(); }
                    catch (Exception) { return; }
                    var path = context.Request.Url!.AbsolutePath;
                    lock (paths) paths.Add(path);
                    context.Response.StatusCode =
                        (int)(path switch { "/healthz" => healthz, "/readyz" => readyz, _ => HttpStatusCode.NotFound });
                    context.Response.Close();
                }
            });
        }

        public int Port { get; }

        public Task<List<string>> PathsAsync()
        {
            lock (paths) return Task.FromResult(paths.ToList());
        }

        public void Dispose()
        {
            listener.Stop();
            listener.Close();
            serving.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
