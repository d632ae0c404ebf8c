namespace KtvRec.Api.State;

/// <summary>One room session as a request needs it, in memory: who is in it and what it has played tonight.</summary>
internal sealed class RoomState(string sessionId, IReadOnlyList<string> members)
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _played = new(StringComparer.Ordinal);
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

    public void Apply(in Listen listen)
    {
        if (!listen.Played) return;
        lock (_lock) _played.Add(listen.SongId);
    }
}
