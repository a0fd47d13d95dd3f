namespace Kyodo.Testing;

/// <summary>Command-line arguments for the apps that tests and benchmarks host in their own process.</summary>
public static class HostArguments
{
    /// <summary>
    /// No configuration reload. These apps read no appsettings files, yet the default reload watches the
    /// content root (the working directory: the repository's root in tests and benchmarks) recursively,
    /// and PostgreSQL's writes under .local kept 11–15 % of a process's samples reading file events in the
    /// profiles (the calls benchmark, and the national benchmark's reporting process during a drain).
    /// </summary>
    public const string WithoutConfigurationWatcher = "--hostBuilder:reloadConfigOnChange=false";
}
