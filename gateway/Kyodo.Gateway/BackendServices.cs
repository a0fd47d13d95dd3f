namespace Kyodo.Gateway;

/// <summary>
/// Where each backend service listens (h2c gRPC), from configuration keys
/// <c>Services:Plan</c>, <c>Services:Budget</c>, <c>Services:Subsidy</c>, <c>Services:Reporting</c>
/// (environment: <c>Services__Plan</c> …), the same keys the services use to call each other.
/// </summary>
public sealed record BackendServices(IReadOnlyDictionary<string, Uri> Addresses)
{
    public static readonly IReadOnlyList<string> Names = ["Plan", "Budget", "Subsidy", "Reporting"];

    public static BackendServices FromConfiguration(IConfiguration configuration)
    {
        var addresses = new Dictionary<string, Uri>();
        var missing = new List<string>();
        foreach (var name in Names)
        {
            var value = configuration[$"Services:{name}"];
            if (Uri.TryCreate(value, UriKind.Absolute, out var uri)) addresses[name] = uri;
            else missing.Add($"Services:{name} (environment Services__{name})");
        }
        if (missing.Count > 0)
            throw new InvalidOperationException(
                "The gateway needs the address of every backend; not configured or not a URL: " + string.Join(", ", missing));
        return new BackendServices(addresses);
    }
}
