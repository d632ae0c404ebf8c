using System.Collections.Concurrent;
using KtvRec.Api.Rules;
using KtvRec.Api.State;
using KtvRec.Training.Pipeline;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Recommendations;

/// <summary>
/// Everything a room's candidates are gathered from, to tell whether kept ones still hold: the served model and the
/// popularity ranking (by instance), the venue's rules in force, each member as they are (<see cref="UserState.Reading.Stamp"/>),
/// the room's songs tonight (a set that only grows, so its size tells it) and the songs left out (the room's songs, its
/// queue, blocked songs, each member's recently sung: these change with the clock too).
/// </summary>
internal sealed class RoomCandidateKey(
    ServedModel model, RankedCatalog catalog, ActiveRules rules, long[] members, int played, HashSet<string> excluded)
{
    public ServedModel Model { get; } = model;
    public RankedCatalog Catalog { get; } = catalog;
    public ActiveRules Rules { get; } = rules;
    public long[] Members { get; } = members;
    public int Played { get; } = played;
    public HashSet<string> Excluded { get; } = excluded;

    public bool Matches(RoomCandidateKey other) =>
        ReferenceEquals(Model, other.Model) && ReferenceEquals(Catalog, other.Catalog) && ReferenceEquals(Rules, other.Rules)
        && Members.AsSpan().SequenceEqual(other.Members) && Played == other.Played && Excluded.SetEquals(other.Excluded);
}

/// <summary>
/// Each room's candidates as last gathered, for its next request: a jukebox polls its room's list, and what the
/// candidates come from changes about once a song, so most polls only score the kept candidates in the request's context
/// (the hour, the party size), with the same list as gathering them again would give. An entry is used only while its
/// <see cref="RoomCandidateKey"/> matches; entries of another model or popularity ranking are dropped when the first room
/// keeps candidates of the new one (so no old model is held); at most <see cref="RecommendationOptions.RoomsKept"/> rooms,
/// the one used longest ago going first.
/// </summary>
internal sealed class RoomCandidateCache(IOptions<RecommendationOptions> options, TimeProvider clock)
{
    private readonly IdleEviction _eviction = new();
    private Generation _current = new(null, null);

    private sealed class Kept(RoomCandidateKey key, RoomCandidates candidates, long lastUsed)
    {
        public RoomCandidateKey Key { get; } = key;
        public RoomCandidates Candidates { get; } = candidates;
        public long LastUsed = lastUsed;
    }

    /// <summary>The rooms' entries for one served model and popularity ranking.</summary>
    private sealed class Generation(ServedModel? model, RankedCatalog? catalog)
    {
        public ConcurrentDictionary<string, Kept> Entries { get; } = new(StringComparer.Ordinal);

        public bool Holds(RoomCandidateKey key) => ReferenceEquals(model, key.Model) && ReferenceEquals(catalog, key.Catalog);
    }

    /// <summary>The room's kept candidates, if they were gathered from what <paramref name="key"/> describes; otherwise null.</summary>
    public RoomCandidates? Find(string sessionId, RoomCandidateKey key)
    {
        var generation = Volatile.Read(ref _current);
        if (!generation.Holds(key) || !generation.Entries.TryGetValue(sessionId, out var kept) || !kept.Key.Matches(key)) return null;
        Volatile.Write(ref kept.LastUsed, clock.GetTimestamp());
        return kept.Candidates;
    }

    public void Keep(string sessionId, RoomCandidateKey key, RoomCandidates candidates)
    {
        var limit = options.Value.RoomsKept;
        if (limit == 0) return;
        var generation = Volatile.Read(ref _current);
        if (!generation.Holds(key))
        {
            Interlocked.CompareExchange(ref _current, new Generation(key.Model, key.Catalog), generation);
            generation = Volatile.Read(ref _current);
            if (!generation.Holds(key)) return;
        }
        generation.Entries[sessionId] = new Kept(key, candidates, clock.GetTimestamp());
        _eviction.Evict(generation.Entries, limit, kept => Volatile.Read(ref kept.LastUsed));
    }
}
