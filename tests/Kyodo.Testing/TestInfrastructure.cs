using System.Diagnostics;
using System.Net.Sockets;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Kyodo.Testing;

/// <summary>
/// The real PostgreSQL and RabbitMQ the whole test run shares (each test class then gets
/// its own database and virtual host). Testcontainers when a Docker engine answers;
/// otherwise the servers that scripts/infra.sh started on this machine (the README's test
/// command starts them). Never an in-memory stand-in.
/// </summary>
public static class TestInfrastructure
{
    private static readonly Lazy<Task<InfrastructureEndpoints>> Endpoints = new(StartOrFindAsync);

    public static Task<InfrastructureEndpoints> GetAsync() => Endpoints.Value;

    private static async Task<InfrastructureEndpoints> StartOrFindAsync() =>
        await DockerEngineAnswersAsync() ? await StartContainersAsync() : await FindLocalServersAsync();

    private static async Task<InfrastructureEndpoints> FindLocalServersAsync()
    {
        var endpoints = new InfrastructureEndpoints(
            Env("KYODO_POSTGRES_HOST", "127.0.0.1"), int.Parse(Env("KYODO_POSTGRES_PORT", "55432")),
            Env("KYODO_POSTGRES_USER", "kyodo"), Env("KYODO_POSTGRES_PASSWORD", "kyodo"),
            Env("KYODO_RABBITMQ_HOST", "127.0.0.1"), int.Parse(Env("KYODO_RABBITMQ_PORT", "55672")),
            int.Parse(Env("KYODO_RABBITMQ_MANAGEMENT_PORT", "55673")),
            Env("KYODO_RABBITMQ_USER", "kyodo"), Env("KYODO_RABBITMQ_PASSWORD", "kyodo"));

        foreach (var (name, host, port) in new[]
                 {
                     ("PostgreSQL", endpoints.PostgresHost, endpoints.PostgresPort),
                     ("RabbitMQ", endpoints.RabbitHost, endpoints.RabbitPort),
                     ("RabbitMQ management", endpoints.RabbitHost, endpoints.RabbitManagementPort),
                 })
        {
            if (!await AcceptsConnectionsAsync(host, port))
                throw new InvalidOperationException(
                    $"No Docker engine answers and {name} is not reachable at {host}:{port}. " +
                    "Start the local servers with `scripts/infra.sh start` (the README's test command does this).");
        }
        return endpoints;
    }

    private static async Task<InfrastructureEndpoints> StartContainersAsync()
    {
        const string user = "kyodo", password = "kyodo";
        var postgres = new PostgreSqlBuilder("postgres:15-alpine")
            .WithUsername(user).WithPassword(password).WithDatabase("postgres")
            .WithCommand("-c", "max_connections=300", "-c", "fsync=off")
            .Build();
        var rabbit = new RabbitMqBuilder("rabbitmq:3.13-management-alpine")
            .WithUsername(user).WithPassword(password)
            .WithPortBinding(15672, true)
            .Build();
        await Task.WhenAll(postgres.StartAsync(), rabbit.StartAsync());
        // Containers are removed by Testcontainers' resource reaper when the test run ends.
        return new InfrastructureEndpoints(
            postgres.Hostname, postgres.GetMappedPublicPort(5432), user, password,
            rabbit.Hostname, rabbit.GetMappedPublicPort(5672), rabbit.GetMappedPublicPort(15672), user, password);
    }

    private static async Task<bool> DockerEngineAnswersAsync()
    {
        if (Environment.GetEnvironmentVariable("KYODO_TEST_INFRA") == "local") return false;
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (docker is null) return false;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await docker.WaitForExitAsync(timeout.Token);
            return docker.ExitCode == 0;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return false; // no docker client, or it hangs: no engine to use
        }
    }

    private static async Task<bool> AcceptsConnectionsAsync(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static string Env(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
