namespace Kyodo.Testing;

/// <summary>The configuration a service under test runs with: its own database and virtual host, short timings.</summary>
public static class ServiceSettings
{
    public static Dictionary<string, string?> For(string connectionName, TestDatabase database, TestVirtualHost virtualHost) =>
        For(connectionName, database, virtualHost, virtualHost.Endpoints.RabbitPort);

    /// <summary>As <see cref="For(string, TestDatabase, TestVirtualHost)"/>, but reaching RabbitMQ through another port (a fault-injecting
    /// proxy).</summary>
    public static Dictionary<string, string?> For(string connectionName, TestDatabase database, TestVirtualHost virtualHost,
        int rabbitPort) =>
        For(connectionName, database.ConnectionString, virtualHost.Endpoints.RabbitHost, rabbitPort, virtualHost.Name,
            virtualHost.Endpoints.RabbitUser, virtualHost.Endpoints.RabbitPassword);

    /// <summary>As <see cref="For(string, TestDatabase, TestVirtualHost)"/>, on a broker of the test's own (a fault test's).</summary>
    public static Dictionary<string, string?> For(string connectionName, string connectionString, PrivateRabbitMq broker) =>
        For(connectionName, connectionString, "127.0.0.1", broker.Port, PrivateRabbitMq.VirtualHost, PrivateRabbitMq.User,
            PrivateRabbitMq.Password);

    private static Dictionary<string, string?> For(string connectionName, string connectionString, string rabbitHost, int rabbitPort,
        string virtualHost, string rabbitUser, string rabbitPassword) => new(TestAuth.Settings)
        {
            [$"ConnectionStrings:{connectionName}"] = connectionString,
            ["RabbitMq:Host"] = rabbitHost,
            ["RabbitMq:Port"] = rabbitPort.ToString(),
            ["RabbitMq:VirtualHost"] = virtualHost,
            ["RabbitMq:Username"] = rabbitUser,
            ["RabbitMq:Password"] = rabbitPassword,
            ["Messaging:OutboxPollInterval"] = "00:00:00.200",
            ["Messaging:PublishTimeout"] = "00:00:03",
            ["Messaging:FirstRetryDelay"] = "00:00:00.200",
            ["Messaging:MaxRetryDelay"] = "00:00:01",
            ["Messaging:ConsumerRetryIntervals:0"] = "00:00:00.050",
            ["Messaging:ConsumerRetryIntervals:1"] = "00:00:00.100",
            // Every hop of a test runs on loopback: the gateway and the calling services are the proxies here.
            ["ForwardedFor:TrustedProxies:0"] = "127.0.0.1",
            ["Logging:Format"] = "text",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] =
            Environment.GetEnvironmentVariable("KYODO_TEST_SQL") is null ? "Warning" : "Information",
        };
}
