using KtvRec.Domain.Events;
using KtvRec.Domain.Users;
using KtvRec.Training.Pipeline;

namespace KtvRec.Api.State;

/// <summary>
/// One user as a request needs them, kept in memory: the profile, the songs they enjoyed, newest first and once per
/// occasion (what their history, recent songs and similar songs come from) and the songs they played (what a discovery list leaves out), each
/// bounded. Updated from ingest and from the database in any order; an event seen twice counts once.
/// </summary>
internal sealed class UserState
{
    /// <summary>Enjoyments kept, newest first: the history a request reads (as many as the pipeline reads offline).</summary>
    public const int MaxEnjoyed = ListRequest.MaxHistory;

    /// <summary>Distinct songs played that a discovery list leaves out; past this, the longest unplayed are forgotten.</summary>
    public const int MaxPlayed = ListRequest.MaxPlayed;

    // Every user's state changes get numbers from one sequence, so a number names one user as they were (Reading.Stamp).
    private static long _lastStampGiven;

    private readonly Lock _lock = new();
    // One entry per occasion a song was enjoyed (Listening.Occasion), at its first enjoyed event, with the last time it
    // was sung to the end then (if it was): the history counts a song once per time, as training does.
    private readonly List<(string SongId, string Occasion, DateTime At, DateTime? Completed)> _enjoyed = [];
    private readonly Dictionary<string, DateTime> _played = new(StringComparer.Ordinal);
    private User? _profile;
    private long _lastUsed;
    private long _stamp = NextStamp();

    /// <summary>
    /// What one request reads: the profile, the enjoyed songs newest first (once per time), and those completed since
    /// the given time. <paramref name="Stamp"/> is the same for two readings only when the profile and history are
    /// (no two users, and no user reloaded after eviction, share one): what a room keeps its candidates by.
    /// </summary>
    public sealed record Reading(User? Profile, List<string> History, HashSet<string> RecentlySung, long Stamp);

    public long LastUsed => Volatile.Read(ref _lastUsed);

    public void Touch(long now) => Volatile.Write(ref _lastUsed, now);

    public User? Profile
    {
        get { lock (_lock) return _profile; }
    }

    public void SetProfile(User profile)
    {
        lock (_lock)
        {
            _profile = profile;
            _stamp = NextStamp();
        }
    }

    public Reading Read(DateTime recentSince)
    {
        lock (_lock)
        {
            var history = new List<string>(_enjoyed.Count);
            var sung = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (songId, _, _, completed) in _enjoyed)
            {
                history.Add(songId);
                if (completed >= recentSince) sung.Add(songId);
            }
            return new Reading(_profile, history, sung, _stamp);
        }
    }

    /// <summary>Every song kept as played, for a discovery list.</summary>
    public HashSet<string> Played()
    {
        lock (_lock) return new HashSet<string>(_played.Keys, StringComparer.Ordinal);
    }

    public void Apply(in Listen listen)
    {
        lock (_lock)
        {
            if (listen.Enjoyed) AddEnjoyed(listen);
            if (listen.Played) AddPlayed(listen);
        }
    }

    private void AddEnjoyed(in Listen listen)
    {
        _stamp = NextStamp();
        var occasion = Listening.Occasion(listen.SessionId, listen.At);
        DateTime? completed = listen.Type == EventType.Complete ? listen.At : null;
        // The same occasion again (another event of it, or the same event from ingest and the feed): one entry, at the
        // first of its events, remembering the latest completion.
        var songId = listen.SongId;
        var same = _enjoyed.FindIndex(e => e.SongId == songId && e.Occasion == occasion);
        if (same >= 0)
        {
            var entry = _enjoyed[same];
            if (completed is { } time && (entry.Completed is null || time > entry.Completed)) entry.Completed = time;
            if (entry.At <= listen.At)
            {
                _enjoyed[same] = entry;
                return;
            }
            _enjoyed.RemoveAt(same);
            entry.At = listen.At;
            Insert(entry);
            return;
        }
        Insert((songId, occasion, listen.At, completed));
    }

    /// <summary>Newest first: the place after every entry at least as new; past <see cref="MaxEnjoyed"/>, the oldest goes.</summary>
    private void Insert((string SongId, string Occasion, DateTime At, DateTime? Completed) entry)
    {
        var at = 0;
        while (at < _enjoyed.Count && _enjoyed[at].At >= entry.At) at++;
        if (at >= MaxEnjoyed) return;
        _enjoyed.Insert(at, entry);
        if (_enjoyed.Count > MaxEnjoyed) _enjoyed.RemoveAt(_enjoyed.Count - 1);
    }

    private static long NextStamp() => Interlocked.Increment(ref _lastStampGiven);

    private void AddPlayed(in Listen listen)
    {
        if (_played.TryGetValue(listen.SongId, out var last) && last >= listen.At) return;
        _played[listen.SongId] = listen.At;
        if (_played.Count <= MaxPlayed + MaxPlayed / 10) return;
        foreach (var (songId, _) in _played.OrderBy(p => p.Value).Take(_played.Count - MaxPlayed).ToList()) _played.Remove(songId);
    }
}
