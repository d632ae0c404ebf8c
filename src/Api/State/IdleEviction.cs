namespace KtvRec.Api.State;

/// <summary>
/// Keeps a bounded cache bounded: when it has grown past its limit, the tenth of its loaded entries used longest ago
/// goes. One eviction runs at a time; a request that finds one running does not wait for it.
/// </summary>
internal sealed class IdleEviction
{
    private int _running;

    /// <param name="lastUsed">When an entry was last used, or null while it is still loading (never evicted).</param>
    public void Evict<TKey, TValue>(IDictionary<TKey, TValue> entries, int limit, Func<TValue, long?> lastUsed)
        where TKey : notnull
    {
        if (entries.Count <= limit || Interlocked.CompareExchange(ref _running, 1, 0) != 0) return;
        try
        {
            var idle = entries
                .Select(pair => (pair.Key, LastUsed: lastUsed(pair.Value)))
                .Where(entry => entry.LastUsed is not null)
                .OrderBy(entry => entry.LastUsed)
                .Take(Math.Max(1, limit / 10))
                .Select(entry => entry.Key)
                .ToList();
            foreach (var key in idle) entries.Remove(key);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
