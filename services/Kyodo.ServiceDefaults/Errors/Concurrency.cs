namespace Kyodo.ServiceDefaults.Errors;

public static class Concurrency
{
    /// <summary>
    /// Refuses a write made from a stale read (ABORTED) before anything is changed. The
    /// database checks the same version again in the UPDATE, for writes racing after this check.
    /// </summary>
    public static void EnsureVersion(uint current, long expected, string resource)
    {
        if (current != expected)
            throw new ConcurrencyConflictException(SharedMessages.StaleVersion(resource, current, expected));
    }
}
