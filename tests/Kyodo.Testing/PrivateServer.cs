using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kyodo.Testing;

/// <summary>
/// What the fault tests' servers of their own share: running Debian's server binaries as their OS
/// user (as scripts/infra.sh does, which needs root), a scratch folder that user owns, free ports,
/// and killing a server's whole process group with SIGKILL. Never the shared servers: those other
/// test classes use at the same time must not be restarted.
/// </summary>
internal static class PrivateServer
{
    /// <summary>A folder under /tmp owned by <paramref name="user"/>, deleted by <see cref="DeleteFolder"/>.</summary>
    public static string Folder(string prefix, string user)
    {
        RequireRoot();
        var folder = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(folder);
        Run("chown", user, folder);
        Run("chmod", "700", folder);
        return folder;
    }

    public static void DeleteFolder(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* a server's last file still closing; /tmp is cleaned anyway */ }
    }

    /// <summary>A loopback port free a moment ago (the server binds it at once).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Runs <paramref name="file"/> to its end; throws with its output when it fails.</summary>
    public static string Run(string file, params string[] arguments)
    {
        var start =
            new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(
            120_000)) { process.Kill(true); throw new TimeoutException($"{file} {string.Join(' ', arguments)} ran over 120 s"); }
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {output.Result}{error.Result}");
        return output.Result;
    }

    /// <summary>SIGKILL to every process of the group <paramref name="leader"/> leads (a server started with setsid).</summary>
    public static void KillGroup(int leader)
    {
        try { Run("kill", "-KILL", "--", $"-{leader}"); }
        catch (InvalidOperationException) { /* already gone */ }
    }

    public static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static void RequireRoot()
    {
        if (Environment.UserName != "root")
            throw new InvalidOperationException("The fault tests start PostgreSQL and RabbitMQ servers of their own as the OS users "
                + "postgres and rabbitmq, as scripts/infra.sh does: run them as root.");
    }
}
