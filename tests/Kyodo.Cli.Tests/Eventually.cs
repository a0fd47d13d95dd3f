namespace Kyodo.Cli.Tests;

/// <summary>
/// Waits for what reporting shows to reach what a test asserts: reporting consumes the events
/// some time after the import, one kind of event after another, so a report can show a row
/// before its figures. The wait is bounded and a failure shows what was seen last.
/// </summary>
internal static class Eventually
{
    public static async Task<T> AsAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<T, string> describe, int attempts = 240)
    {
        var last = "(nothing read)";
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var seen = await read();
            if (done(seen)) return seen;
            last = describe(seen);
            await Task.Delay(250);
        }
        Assert.Fail($"not as expected in time; last seen:\n{last}");
        return default!;
    }
}
