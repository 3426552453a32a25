namespace Enforcement.Functions.Inbox;

/// <summary>
/// Wakes long-polling inbox calls of this process when something is delivered to one of their keys. Deliveries made
/// by another instance are seen by the waiting call's bounded re-check instead (<see cref="InboxOptions.RecheckInterval"/>).
/// </summary>
internal sealed class InboxSignal
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<TaskCompletionSource>> _waiters = new(StringComparer.Ordinal);

    public Task WaitAsync(IReadOnlyList<string> keys, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            foreach (var key in keys)
            {
                if (!_waiters.TryGetValue(key, out var list))
                {
                    _waiters[key] = list = [];
                }

                list.Add(waiter);
            }
        }

        return Wait(waiter, keys, timeout, cancellationToken);
    }

    public void Notify(IEnumerable<string> keys)
    {
        var woken = new List<TaskCompletionSource>();
        lock (_lock)
        {
            foreach (var key in keys)
            {
                if (_waiters.Remove(key, out var list))
                {
                    woken.AddRange(list);
                }
            }
        }

        foreach (var waiter in woken)
        {
            waiter.TrySetResult();
        }
    }

    private async Task Wait(TaskCompletionSource waiter, IReadOnlyList<string> keys, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await waiter.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
        finally
        {
            lock (_lock)
            {
                foreach (var key in keys)
                {
                    if (_waiters.TryGetValue(key, out var list) && list.Remove(waiter) && list.Count == 0)
                    {
                        _waiters.Remove(key);
                    }
                }
            }
        }
    }
}
