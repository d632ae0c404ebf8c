using KtvRec.Domain.Events;
using KtvRec.Domain.Users;

namespace KtvRec.Api.State;

/// <summary>
/// One user as a request needs them, kept in memory: the profile, the newest enjoyed events (what their history,
/// recent songs and similar songs come from) and the songs they played (what a discovery list leaves out), each
/// bounded. Updated from ingest and from the database in any order; an event seen twice counts once.
/// </summary>
public sealed class UserState
{
    /// <summary>Enjoyed events kept, newest first: the history a request reads.</summary>
    public const int MaxEnjoyed = 200;

    /// <summary>Distinct songs played that a discovery list leaves out; past this, the longest unplayed are forgotten.</summary>
    public const int MaxPlayed = 1000;

    private readonly Lock _lock = new();
    private readonly List<(string SongId, EventType Type, DateTime At)> _enjoyed = [];
    private readonly Dictionary<string, DateTime> _played = new(StringComparer.Ordinal);
    private User? _profile;
    private long _lastUsed;

    /// <summary>What one request reads: the profile, distinct enjoyed songs newest first, and those completed since the given time.</summary>
    public sealed record Reading(User? Profile, List<string> History, HashSet<string> RecentlySung);

    public long LastUsed => Volatile.Read(ref _lastUsed);

    public void Touch(long now) => Volatile.Write(ref _lastUsed, now);

    public User? Profile
    {
        get { lock (_lock) return _profile; }
    }

    public void SetProfile(User profile)
    {
        lock (_lock) _profile = profile;
    }

    public Reading Read(DateTime recentSince)
    {
        lock (_lock)
        {
            var history = new List<string>(_enjoyed.Count);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var sung = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (songId, type, at) in _enjoyed)
            {
                if (seen.Add(songId)) history.Add(songId);
                if (type == EventType.Complete && at >= recentSince) sung.Add(songId);
            }
            return new Reading(_profile, history, sung);
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
        // Newest first: the place after every event at least as new; the same event from ingest and the feed once.
        var at = 0;
        while (at < _enjoyed.Count && _enjoyed[at].At > listen.At) at++;
        for (var same = at; same < _enjoyed.Count && _enjoyed[same].At == listen.At; same++)
        {
            if (_enjoyed[same].SongId == listen.SongId && _enjoyed[same].Type == listen.Type) return;
        }
        if (at >= MaxEnjoyed) return;
        _enjoyed.Insert(at, (listen.SongId, listen.Type, listen.At));
        if (_enjoyed.Count > MaxEnjoyed) _enjoyed.RemoveAt(_enjoyed.Count - 1);
    }

    private void AddPlayed(in Listen listen)
    {
        if (_played.TryGetValue(listen.SongId, out var last) && last >= listen.At) return;
        _played[listen.SongId] = listen.At;
        if (_played.Count <= MaxPlayed + MaxPlayed / 10) return;
        foreach (var (songId, _) in _played.OrderBy(p => p.Value).Take(_played.Count - MaxPlayed).ToList()) _played.Remove(songId);
    }
}
