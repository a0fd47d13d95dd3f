namespace Kyodo.Plan.Domain;

/// <summary>
/// Makes a child collection equal to a desired one, matching rows by key: changed rows are
/// updated in place, missing ones removed, new ones added. (Removing a row and adding a new
/// one with the same key would make EF Core track two instances of one row.)
/// </summary>
internal static class CollectionSync
{
    public static void SyncTo<T, TKey>(this List<T> current, IEnumerable<T> desired, Func<T, TKey> key, Action<T, T> copy)
        where TKey : notnull
    {
        var wanted = desired.ToDictionary(key);
        current.RemoveAll(row => !wanted.ContainsKey(key(row)));
        var existing = current.ToDictionary(key);
        foreach (var (k, row) in wanted)
        {
            if (existing.TryGetValue(k, out var kept)) copy(kept, row);
            else current.Add(row);
        }
    }
}
