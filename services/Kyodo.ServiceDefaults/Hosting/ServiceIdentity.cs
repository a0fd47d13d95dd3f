namespace Kyodo.ServiceDefaults;

/// <summary>The short name of the running service ("plan", "budget" …): used in queue names, errors and telemetry.</summary>
public sealed record ServiceIdentity(string Name);
