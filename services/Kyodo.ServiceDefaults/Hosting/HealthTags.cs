namespace Kyodo.ServiceDefaults;

/// <summary>Health-check tags: "ready" checks decide /readyz and the gRPC health status.</summary>
public static class HealthTags
{
    public const string Ready = "ready";
}
