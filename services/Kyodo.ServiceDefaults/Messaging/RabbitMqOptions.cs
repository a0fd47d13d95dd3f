namespace Kyodo.ServiceDefaults.Messaging;

/// <summary>How to reach RabbitMQ (configuration section "RabbitMq").</summary>
public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";
}
