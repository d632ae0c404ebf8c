using System.Collections.Concurrent;
using KtvRec.Domain.Events;
using KtvRec.Domain.Sessions;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.State;

/// <summary>
/// The room sessions requests ask about, in memory: a session started on this node is kept from its start, one
/// started elsewhere is read from the database on its first request, and each follows the events of its room (from
/// ingest here and the <see cref="StateFeed"/> from other nodes). A session that does not exist is not kept: asking
/// again reads the database again, as it may have been started on another node meanwhile.
/// </summary>
internal sealed class RoomStates(IServiceScopeFactory scopes, IOptions<StateOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RoomState?>>> _rooms = new(StringComparer.Ordinal);

    /// <summary>Rooms whose played songs are being read from the database: events that arrive meanwhile go to them too.</summary>
    private readonly ConcurrentDictionary<string, RoomState> _loading = new(StringComparer.Ordinal);
    private readonly IdleEviction _eviction = new();

    /// <summary>The session's state, or null if there is no such session.</summary>
    public async ValueTask<RoomState?> FindAsync(string sessionId, CancellationToken cancellationToken)
    {
        // Only an added room can take the count past the limit, and counting a concurrent dictionary takes all its locks.
        var added = false;
        if (!_rooms.TryGetValue(sessionId, out var entry))
        {
            entry = _rooms.GetOrAdd(sessionId, id => new Lazy<Task<RoomState?>>(() => LoadAsync(id)));
            added = true;
        }
        RoomState? room;
        try
        {
            room = entry.Value.IsCompletedSuccessfully ? entry.Value.Result : await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            _rooms.TryRemove(new KeyValuePair<string, Lazy<Task<RoomState?>>>(sessionId, entry));
            _loading.TryRemove(sessionId, out _);
            throw;
        }
        // Loaded: from now on Apply finds it in _rooms (a lock-free look before the removal, which locks).
        if (_loading.ContainsKey(sessionId)) _loading.TryRemove(sessionId, out _);
        if (room is null)
        {
            _rooms.TryRemove(new KeyValuePair<string, Lazy<Task<RoomState?>>>(sessionId, entry));
            return null;
        }
        room.Touch(clock.GetTimestamp());
        if (added) _eviction.Evict(_rooms, options.Value.MaxRooms, LastUsed);
        return room;
    }

    /// <summary>A session just started on this node: kept at once, with nothing played yet.</summary>
    public void Started(RoomSession session)
    {
        var room = new RoomState(session.Id, session.Members.Select(m => m.UserId).ToList());
        _rooms[session.Id] = new Lazy<Task<RoomState?>>(Task.FromResult<RoomState?>(room));
        _eviction.Evict(_rooms, options.Value.MaxRooms, LastUsed);
    }

    /// <summary>A session's queue changed (here, or on another node as the feed reads it): a room held in memory or loading takes it.</summary>
    public void Queued(string sessionId, IReadOnlyList<string> queue, long revision)
    {
        if (_rooms.TryGetValue(sessionId, out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully && entry.Value.Result is { } room)
            room.Queued(queue, revision);
        else if (_loading.TryGetValue(sessionId, out var loading)) loading.Queued(queue, revision);
    }

    public void Apply(IEnumerable<Listen> listens)
    {
        foreach (var listen in listens)
        {
            if (listen.SessionId is not { } id) continue;
            if (_rooms.TryGetValue(id, out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
                entry.Value.Result?.Apply(listen);
            // A room that is loading gets it too (a song counted twice is still one played song).
            else if (_loading.TryGetValue(id, out var loading)) loading.Apply(listen);
        }
    }

    private async Task<RoomState?> LoadAsync(string sessionId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KtvDbContext>();
        var session = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { Members = s.Members.Select(m => m.UserId).ToList(), s.Queue, s.QueueRevision }).FirstOrDefaultAsync();
        if (session is null) return null;
        // Seen by ingest before the query below starts: an event committed after the query's snapshot is applied
        // after its commit, so it reaches the room here; one committed before is in what the query reads.
        // (FindAsync removes it once this task has completed: from then on Apply finds the room in _rooms.)
        var room = _loading.GetOrAdd(sessionId, new RoomState(sessionId, session.Members));
        room.Queued(session.Queue, session.QueueRevision);
        var played = await db.Events.AsNoTracking()
            .Where(e => e.SessionId == sessionId && (e.Type == EventType.Play || e.Type == EventType.Complete))
            .Select(e => e.SongId).Distinct().ToListAsync();
        foreach (var songId in played) room.Apply(new Listen("", songId, EventType.Play, default, sessionId));
        return room;
    }

    private static long? LastUsed(Lazy<Task<RoomState?>> entry) =>
        entry.IsValueCreated && entry.Value.IsCompletedSuccessfully ? entry.Value.Result?.LastUsed ?? 0 : null;
}
