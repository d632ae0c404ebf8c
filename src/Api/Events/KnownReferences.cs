using System.Collections.Concurrent;

namespace KtvRec.Api.Events;

/// <summary>
/// Song and user ids the database has confirmed (or, for users, that a committed ingest created). None is ever
/// deleted, so an id seen once stays valid on every node, and an event naming one needs no query to check it (sessions
/// are read with every batch anyway: whether they have ended changes). Ids not
/// found are not remembered (they may be added later). Each set is emptied when it reaches its capacity, which bounds
/// the memory for any catalog.
/// </summary>
internal sealed class KnownReferences
{
    public const int Capacity = 1_000_000;

    public KnownIds Songs { get; } = new();

    public KnownIds Users { get; } = new();

    /// <summary>Model versions the registry has (a run's row is never deleted), as recommendationIds name them.</summary>
    public KnownIds ModelVersions { get; } = new();
}

internal sealed class KnownIds
{
    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);

    public bool Contains(string id) => _ids.ContainsKey(id);

    public void AddRange(IEnumerable<string> ids)
    {
        if (_ids.Count >= KnownReferences.Capacity) _ids.Clear();
        foreach (var id in ids) _ids.TryAdd(id, 0);
    }
}
