namespace Kyodo.Testing;

/// <summary>Where the test run's PostgreSQL server and RabbitMQ broker answer, and how to log in.</summary>
public sealed record InfrastructureEndpoints(
    string PostgresHost,
    int PostgresPort,
    string PostgresUser,
    string PostgresPassword,
    string RabbitHost,
    int RabbitPort,
    int RabbitManagementPort,
    string RabbitUser,
    string RabbitPassword)
{
    public string PostgresConnectionString(string database) =>
        $"Host={PostgresHost};Port={PostgresPort};Database={database};Username={PostgresUser};Password={PostgresPassword};Include "
        + $"Error Detail=true";

    public Uri RabbitManagementUri => new($"http://{RabbitHost}:{RabbitManagementPort}/");
}
