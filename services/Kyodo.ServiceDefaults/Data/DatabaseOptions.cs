namespace Kyodo.ServiceDefaults.Data;

/// <summary>Database settings of a service (configuration section "Database").</summary>
public sealed class DatabaseOptions
{
    /// <summary>
    /// Apply migrations at start-up (local runs, docker-compose). Kubernetes sets it false
    /// and runs the `migrate` command as a Job instead; the service then waits for the schema.
    /// </summary>
    public bool MigrateOnStartup { get; set; } = true;
}
