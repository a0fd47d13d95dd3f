using Xunit;

namespace Kyodo.Testing;

/// <summary>Waits, bounded, for what another process or a background worker writes; a failure says what was seen last.</summary>
public static class Eventually
{
    public static async Task<T> ReachesAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        var seen = await read();
        while (!done(seen))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"{what}: not reached in time; last seen: {seen}");
            await Task.Delay(100);
            seen = await read();
        }
        return seen;
    }
}
