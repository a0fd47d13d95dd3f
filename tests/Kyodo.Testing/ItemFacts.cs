using Npgsql;

namespace Kyodo.Testing;

/// <summary>
/// What a service (budget, subsidy) has recorded of a plan item in its plan_item_facts, read
/// straight from its database: a test of ownership waits here until the service has learned of a
/// change (the consistency window is what other tests look at).
/// </summary>
public static class ItemFacts
{
    /// <summary>The item's recorded revision and whether it is deleted; null when the service has not recorded it.</summary>
    public static async Task<(int Revision, bool Deleted, Guid? Lead)?> ReadAsync(string connectionString, Guid itemId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command =
            new NpgsqlCommand("SELECT revision, deleted, lead_department_id FROM plan_item_facts WHERE item_id = $1", connection)
            {
                Parameters = { new() { Value = itemId } },
            };
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        return (reader.GetInt32(0), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetGuid(2));
    }

    /// <summary>Waits until the service has recorded the item at <paramref name="revision"/> or later (a deletion is later than every
    /// state).</summary>
    public static Task WaitForRevisionAsync(string connectionString, Guid itemId, int revision) =>
        WaitAsync(connectionString, itemId, f => f.Revision >= revision, $"revision {revision} or later");

    /// <summary>Waits until the service has recorded the item as deleted (itself, or with its plan).</summary>
    public static Task WaitForDeletionAsync(string connectionString, Guid itemId) =>
        WaitAsync(connectionString, itemId, f => f.Deleted, "its deletion");

    private static async Task WaitAsync(string connectionString, Guid itemId, Func<(int Revision, bool Deleted, Guid? Lead), bool> until,
        string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        (int, bool, Guid?)? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await ReadAsync(connectionString, itemId);
            if (last is { } fact && until(fact)) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"The service never recorded {what} of item {itemId}; last recorded: {last?.ToString() ?? "nothing"}");
    }
}
