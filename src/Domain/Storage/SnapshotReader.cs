using System.Data;
using Microsoft.Data.Sqlite;
using KtvRec.Domain.Events;
using KtvRec.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Domain.Storage;

public static class SnapshotReader
{
    /// <summary>
    /// Reads users, songs, sessions and events as one consistent snapshot that never blocks the ingest that keeps
    /// writing meanwhile: a deferred read transaction in SQLite's WAL mode, a repeatable-read one in PostgreSQL.
    /// </summary>
    /// <param name="window">
    /// Only the newest stretch of history: the events from this long before the newest one and the sessions they belong
    /// to (users and songs are read whole). Null reads everything.
    /// </param>
    public static async Task<VenueSnapshot> ReadAsync(KtvDbContext db, TimeSpan? window, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await using var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            return await ReadAllAsync(db, window, cancellationToken);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        // Deferred, unlike EF's default IMMEDIATE: a read transaction that takes no write lock.
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var transaction = connection.BeginTransaction(IsolationLevel.Serializable, deferred: true);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        var venue = await ReadAllAsync(db, window, cancellationToken);
        await db.Database.UseTransactionAsync(null, cancellationToken);
        return venue;
    }

    private static async Task<VenueSnapshot> ReadAllAsync(KtvDbContext db, TimeSpan? window, CancellationToken cancellationToken)
    {
        IQueryable<RoomSession> sessions = db.Sessions.AsNoTracking().Include(s => s.Members);
        IQueryable<PlayEvent> events = db.Events.AsNoTracking();
        if (window is { } span && await db.Events.MaxAsync(e => (DateTime?)e.OccurredAt, cancellationToken) is { } newest)
        {
            var since = newest - span;
            events = events.Where(e => e.OccurredAt >= since);
            sessions = sessions.Where(s => db.Events.Any(e => e.SessionId == s.Id && e.OccurredAt >= since));
        }
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        var songs = await db.Songs.AsNoTracking().ToListAsync(cancellationToken);
        var sessionList = await sessions.ToListAsync(cancellationToken);

        // Each row's ids are new strings; kept as the one instance of each id (a million events name far fewer users,
        // songs and sessions), and only the columns training reads.
        var ids = new Dictionary<string, string>(users.Count + songs.Count + sessionList.Count, StringComparer.Ordinal);
        foreach (var id in users.Select(u => u.Id).Concat(songs.Select(s => s.Id)).Concat(sessionList.Select(s => s.Id))) ids.TryAdd(id, id);
        string Shared(string id) => ids.TryGetValue(id, out var shared) ? shared : ids[id] = id;

        // Sized first: a list grown by doubling would hold up to twice the window, and copy it as it grows.
        var eventList = new List<VenueEvent>(await events.CountAsync(cancellationToken));
        var rows = events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => new { e.Type, e.UserId, e.SongId, e.SessionId, e.OccurredAt, e.Progress, e.Score })
            .AsAsyncEnumerable();
        await foreach (var e in rows.WithCancellation(cancellationToken))
        {
            eventList.Add(new VenueEvent(e.Type, Shared(e.UserId), Shared(e.SongId), e.SessionId is null ? null : Shared(e.SessionId), e.OccurredAt, e.Progress, e.Score));
        }
        return new VenueSnapshot(users, songs, sessionList, eventList);
    }
}
