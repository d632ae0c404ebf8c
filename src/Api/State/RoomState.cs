namespace KtvRec.Api.State;

/// <summary>One room session as a request needs it, in memory: who is in it, what it has played tonight and what it has queued.</summary>
internal sealed class RoomState(string sessionId, IReadOnlyList<string> members)
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _played = new(StringComparer.Ordinal);
    private (IReadOnlyList<string> Songs, long Revision) _queue = ([], 0);
    private long _lastUsed;

    public string SessionId { get; } = sessionId;
    public IReadOnlyList<string> Members { get; } = members;

    public long LastUsed => Volatile.Read(ref _lastUsed);

    public void Touch(long now) => Volatile.Write(ref _lastUsed, now);

    /// <summary>The songs started or sung to the end in the room.</summary>
    public List<string> Played()
    {
        lock (_lock) return [.. _played];
    }

    /// <summary>The songs the room has queued: on no list for it or its members.</summary>
    public IReadOnlyList<string> Queue
    {
        get
        {
            lock (_lock) return _queue.Songs;
        }
    }

    /// <summary>Takes a queue unless a later one (by <see cref="Domain.Sessions.RoomSession.QueueRevision"/>) is held already.</summary>
    public void Queued(IReadOnlyList<string> songs, long revision)
    {
        lock (_lock)
        {
            if (revision > _queue.Revision) _queue = (songs, revision);
        }
    }

    public void Apply(in Listen listen)
    {
        if (!listen.Played) return;
        lock (_lock) _played.Add(listen.SongId);
    }
}
