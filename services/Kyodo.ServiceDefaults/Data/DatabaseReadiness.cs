namespace Kyodo.ServiceDefaults.Data;

/// <summary>
/// Set once the service's database is reachable and its schema is current. Until then the
/// service answers UNAVAILABLE and /readyz reports not ready.
/// </summary>
public sealed class DatabaseReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    public void MarkReady() => _ready.TrySetResult();

    public Task WaitAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);
}
