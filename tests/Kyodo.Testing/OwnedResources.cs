namespace Kyodo.Testing;

/// <summary>
/// What a fixture started (databases, virtual hosts, services, proxies), disposed in reverse:
/// what started last, and may use what started before it, stops first.
/// </summary>
public sealed class OwnedResources : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    public T Own<T>(T resource) where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) await _owned[i].DisposeAsync();
        _owned.Clear();
    }
}
