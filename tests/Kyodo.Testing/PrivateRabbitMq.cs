using System.Diagnostics;
using RabbitMQ.Client;

namespace Kyodo.Testing;

/// <summary>
/// A RabbitMQ node of one test class's own (its own node name, AMQP and distribution ports, data
/// folder), started from Debian's rabbitmq-server as scripts/infra.sh starts the shared one, which a
/// fault test kills with SIGKILL (<see cref="Kill"/>) and starts again on the same data
/// (<see cref="StartAsync()"/>): a real broker crash, durable queues and their messages kept on disk.
/// No management plugin (a faster start): tests log in as guest to the default virtual host "/".
/// A first start takes about 15 s on the 2-core machine at load 20, a restart about 9 s.
/// </summary>
public sealed class PrivateRabbitMq : IAsyncDisposable
{
    private const string Bin = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private readonly string _folder = PrivateServer.Folder("kyodo-rabbit", "rabbitmq");
    private readonly string _node = $"kyodo-faults-{Guid.NewGuid():N}"[..25] + "@localhost";
    private readonly int _distributionPort = PrivateServer.FreePort();
    private Process? _server;

    public int Port { get; } = PrivateServer.FreePort();
    public const string User = "guest", Password = "guest", VirtualHost = "/";

    private PrivateRabbitMq()
    {
        File.WriteAllText(Path.Combine(_folder, "rabbitmq.conf"), $"listeners.tcp.local = 127.0.0.1:{Port}\n");
        File.WriteAllText(Path.Combine(_folder, "enabled_plugins"), "[].\n");
        PrivateServer.Run("chown", "-R", "rabbitmq:rabbitmq", _folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
    }

    /// <summary>Starts a new node and waits until it takes a login.</summary>
    public static async Task<PrivateRabbitMq> StartNewAsync()
    {
        if (!File.Exists(Bin)) throw new InvalidOperationException($"{Bin} is missing: `scripts/infra.sh start` installs rabbitmq-server");
        var broker = new PrivateRabbitMq();
        try
        {
            await broker.StartAsync();
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the node (again, on its data) and waits, up to 3 minutes, until it takes a login.</summary>
    public async Task StartAsync()
    {
        Kill();
        var start = new ProcessStartInfo("setsid",
        [
            "runuser", "-u", "rabbitmq", "--", "env", "-C", _folder, "HOME=/var/lib/rabbitmq",
            $"RABBITMQ_NODENAME={_node}", "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1", $"RABBITMQ_NODE_PORT={Port}",
            $"RABBITMQ_DIST_PORT={_distributionPort}", $"RABBITMQ_MNESIA_BASE={_folder}/mnesia", $"RABBITMQ_LOG_BASE={_folder}/log",
            $"RABBITMQ_CONFIG_FILE={_folder}/rabbitmq.conf", $"RABBITMQ_ENABLED_PLUGINS_FILE={_folder}/enabled_plugins",
            $"RABBITMQ_PID_FILE={_folder}/rabbitmq.pid", "RABBITMQ_CONF_ENV_FILE=/dev/null",
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}", "ERL_EPMD_ADDRESS=127.0.0.1",
            Bin,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _server = Process.Start(start) ?? throw new InvalidOperationException("rabbitmq-server did not start");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!await TakesALoginAsync())
        {
            if (_server.HasExited) throw new InvalidOperationException($"rabbitmq-server exited during its start; logs in {_folder}/log");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"RabbitMQ node {_node} took no login within 3 minutes; logs in {_folder}/log");
            await Task.Delay(100);
        }
    }

    /// <summary>Whether the node answers an AMQP login to "/" now (its listener opens near the end of its boot).</summary>
    public async Task<bool> TakesALoginAsync()
    {
        if (!await PrivateServer.AcceptsAsync(Port)) return false;
        var factory = new ConnectionFactory
        {
            HostName = "127.0.0.1", Port = Port, UserName = User, Password = Password, VirtualHost = VirtualHost,
            AutomaticRecoveryEnabled = false, RequestedConnectionTimeout = TimeSpan.FromSeconds(2),
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync();
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>SIGKILL to the node's every process: a crash, nothing flushed or closed.</summary>
    public void Kill()
    {
        if (_server is not { } server) return;
        PrivateServer.KillGroup(server.Id);
        server.WaitForExit(30_000);
        server.Dispose();
        _server = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        PrivateServer.DeleteFolder(_folder);
        return ValueTask.CompletedTask;
    }
}
