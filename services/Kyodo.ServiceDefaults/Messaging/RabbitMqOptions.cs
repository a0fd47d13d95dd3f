using RabbitMQ.Client;

namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>How to reach RabbitMQ (configuration section "RabbitMq").</summary>
public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    /// <summary>
    /// A connection factory for a connection of Kyodo's own beside MassTransit's (named
    /// <paramref name="clientName"/> in the broker's list), which gives up after <paramref name="timeout"/>
    /// when the broker is away, and never recovers by itself: its user decides when to try again.
    /// </summary>
    public ConnectionFactory ConnectionFactory(string clientName, TimeSpan timeout) => new()
    {
        HostName = Host, Port = Port, VirtualHost = VirtualHost, UserName = Username, Password = Password,
        ClientProvidedName = clientName,
        RequestedConnectionTimeout = timeout,
        AutomaticRecoveryEnabled = false,
    };
}
