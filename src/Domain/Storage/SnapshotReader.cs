using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Domain.Storage;

public static class SnapshotReader
{
    /// <summary>
    /// Reads users, songs, sessions and events as one consistent snapshot that never blocks the ingest that keeps
    /// writing meanwhile: a deferred read transaction in SQLite's WAL mode, a repeatable-read one in PostgreSQL.
    /// </summary>
    public static async Task<VenueSnapshot> ReadAsync(KtvDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await using var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            return await ReadAllAsync(db, cancellationToken);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        // Deferred, unlike EF's default IMMEDIATE: a read transaction that takes no write lock.
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var transaction = connection.BeginTransaction(IsolationLevel.Serializable, deferred: true);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        var venue = await ReadAllAsync(db, cancellationToken);
        await db.Database.UseTransactionAsync(null, cancellationToken);
        return venue;
    }

    private static async Task<VenueSnapshot> ReadAllAsync(KtvDbContext db, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        var songs = await db.Songs.AsNoTracking().ToListAsync(cancellationToken);
        var sessions = await db.Sessions.AsNoTracking().Include(s => s.Members).ToListAsync(cancellationToken);
        var events = await db.Events.AsNoTracking().OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        return new VenueSnapshot(users, songs, sessions, events);
    }
}
